package org.fednpg.core.fednac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.oracle.ValueIteration;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paper's FedNAC ({@code variant: paper}, Algorithms 3–5) with one-hot features on the paper
 * GridWorld, K = 5, N = 3, γ = 0.95, Metropolis weights on the path 0 – 1 – 2, default steps α =
 * 0.1/(1−γ) = 2 and β = 1/(2C_φ²) = 1/2, ν uniform, K_critic = {@value #CRITIC_STEPS} SGD steps per
 * agent per iteration, {@value #ITERATIONS} iterations.
 *
 * <p>Threshold 90% of V*. With one-hot features the approximation floor is zero, so Theorem 4.4
 * leaves only the critic's statistical error; but with τ = 0 the actor sums α·h^(t) without
 * forgetting, so a few noisy critics can lock a state into a wrong action for many iterations.
 * While writing this test, runs with K_critic = 1000 ended either above 0.999 V* or on a plateau at
 * 0.866 V* (2 of 5 seeds, still there after 100 iterations); with K_critic = 3000 five of five
 * seeds ended above 0.999 V*. 90% sits between that plateau and convergence, so the test fails when
 * the run locks in, not on the last percent. {@link FedNacPaperGridWorldIT} repeats it on 20 seeds.
 *
 * <p>Sample budget: each SGD step consumes one Algorithm 5 draw, whose two geometric phases use
 * 2γ/(1−γ) = 38 transitions on average, so the run needs about 40 · 3000 · 38 = 4.56 million
 * transitions per agent; the test allows 4.7 million (3% above the mean, about 30 standard
 * deviations of the total).
 */
class FedNacPaperGridWorldTest {

  private static final Logger LOG = LoggerFactory.getLogger(FedNacPaperGridWorldTest.class);

  static final double GAMMA = 0.95;
  static final int AGENTS = 3;
  static final int CRITIC_STEPS = 3000;
  static final int ITERATIONS = 40;
  static final double FRACTION_OF_OPTIMUM = 0.9;
  static final long BUDGET_PER_AGENT = 4_700_000;

  /** V*(start) = (1/N) Σ_{k=0}^{2K−3} γ^k (SPEC §6), K = 5. */
  static double closedFormOptimum() {
    double v = 0;
    for (int k = 0; k <= 2 * 5 - 3; k++) {
      v += Math.pow(GAMMA, k);
    }
    return v / AGENTS;
  }

  /** Runs one seed; returns the final V / V* after asserting the budget. */
  static double fractionReached(long seed) {
    MultiTaskMdp grid = NacHarness.gridworld(5, AGENTS, GAMMA);
    double vStar = closedFormOptimum();
    assertThat(ValueIteration.solve(grid, 0.0).initialValue())
        .isCloseTo(vStar, within(Tolerances.EXACT));
    FedNacPaperAlgorithm alg =
        NacHarness.paper(
            Map.of("features", "onehot", "critic_steps", CRITIC_STEPS),
            grid,
            FedNacGridWorldTest.PATH3,
            seed);
    List<IterationMetrics> rows =
        NacHarness.run(alg, grid, FedNacGridWorldTest.PATH3, ITERATIONS, 0, r -> {});
    IterationMetrics last = rows.get(ITERATIONS);
    long perAgent = last.samples() / AGENTS;
    assertThat(rows.get(0).samples()).isZero();
    assertThat(perAgent).isLessThanOrEqualTo(BUDGET_PER_AGENT).isGreaterThan(4_400_000);
    LOG.info(
        "fednac paper, seed {}: V = {} ({} of V* = {}), min agent {}, {} samples per agent",
        seed,
        last.value(),
        last.value() / vStar,
        vStar,
        last.agentValueMin(),
        perAgent);
    return last.value() / vStar;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void oneHotPaperVariantReachesNinetyPercentOfOptimumWithinTheBudget(long seed) {
    assertThat(fractionReached(seed)).isGreaterThanOrEqualTo(FRACTION_OF_OPTIMUM);
  }
}
