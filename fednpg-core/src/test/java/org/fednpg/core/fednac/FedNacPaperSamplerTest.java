package org.fednpg.core.fednac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.fednpg.api.RandomSource;
import org.fednpg.api.model.KernelSampler;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.core.DenseEvaluator;
import org.fednpg.testing.RandomMdps;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Algorithm 5 (the paper's Q-sampler, {@link PaperCritic#draw}) against exact quantities of a small
 * random MDP with a non-uniform ρ and a non-uniform policy: Q̂ is unbiased for Q^π, the returned
 * (s, a) follows the discounted visitation d̃_ν^π, and the counted transitions have the geometric
 * means they must have.
 *
 * <p>False-failure probabilities (over the choice of seed; the seeds are fixed, so each run is
 * deterministic): each z-test uses |z| ≤ 4.5, two-sided normal tail 6.8e-6; each chi-square test
 * requires an upper-tail p-value above 1e-6. With 3 + 3 z-tests and 2 chi-square tests the whole
 * class fails by chance with probability below 5e-5.
 */
class FedNacPaperSamplerTest {

  private static final MultiTaskMdp BASE = RandomMdps.create(31, 6, 3, 3, 1, 0.9);
  private static final double[] RHO = {0.4, 0.3, 0.15, 0.1, 0.05, 0.0};
  private static final MultiTaskMdp MDP =
      MultiTaskMdp.of("sampler-test", BASE.kernel(), 0.9, RHO, BASE.rewards());
  private static final LogPolicy PI = policy();
  private static final double Z = 4.5;
  private static final int DRAWS = 200_000;

  private static LogPolicy policy() {
    SplittableRandom rng = new SplittableRandom(5);
    double[] logits = new double[MDP.states() * MDP.actions()];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = 1.5 * rng.nextGaussian();
    }
    return LogPolicy.fromLogits(MDP.states(), MDP.actions(), logits);
  }

  private static PaperCritic critic(PaperCritic.Nu nu) {
    return new PaperCritic(
        FeatureMaps.oneHot(MDP.states(), MDP.actions()),
        new KernelSampler(MDP),
        RandomSource.of(1),
        MDP.gamma(),
        0.1,
        1,
        nu);
  }

  @Test
  void qHatIsUnbiasedAtFixedStateActions() {
    RewardTable r = MDP.reward(0);
    double[] q = DenseEvaluator.q(MDP, r, PI, 0);
    double[] probs = LinearCritic.probabilities(PI);
    PaperCritic critic = critic(PaperCritic.Nu.UNIFORM);
    double gamma = MDP.gamma();
    for (int sa : new int[] {0, 7, 17}) {
      SplittableRandom rng = new SplittableRandom(100 + sa);
      double sum = 0;
      double sumSq = 0;
      double steps = 0;
      double stepsSq = 0;
      for (int i = 0; i < DRAWS; i++) {
        PaperCritic.Sample x = critic.estimate(rng, r, probs, sa);
        assertThat(x.sa()).isEqualTo(sa);
        sum += x.q();
        sumSq += x.q() * x.q();
        steps += x.transitions();
        stepsSq += (double) x.transitions() * x.transitions();
      }
      double mean = sum / DRAWS;
      double se = Math.sqrt((sumSq / DRAWS - mean * mean) / DRAWS);
      assertThat(Math.abs(mean - q[sa]) / se)
          .as("z of Q-hat at sa %d (mean %s, Q %s)", sa, mean, q[sa])
          .isLessThan(Z);
      // power: the band is narrow enough to reject e.g. a discounted sum, whose mean is the
      // one-step-shorter γ-weighted Q; here it is under 2% of Q
      assertThat(Z * se).isLessThan(0.02 * q[sa]);
      // the number of transitions is geometric: P(≥ k) = γ^k, mean γ/(1−γ), variance γ/(1−γ)²
      double meanSteps = steps / DRAWS;
      double seSteps = Math.sqrt(gamma / ((1 - gamma) * (1 - gamma)) / DRAWS);
      assertThat(Math.abs(meanSteps - gamma / (1 - gamma)) / seSteps).isLessThan(Z);
      assertThat(stepsSq).isPositive();
    }
  }

  @ParameterizedTest
  @EnumSource(PaperCritic.Nu.class)
  void drawnStateActionsFollowTheDiscountedVisitation(PaperCritic.Nu nu) {
    RewardTable r = MDP.reward(0);
    double[] probs = LinearCritic.probabilities(PI);
    double[] weights =
        nu == PaperCritic.Nu.UNIFORM ? PaperModel.uniform(MDP) : PaperModel.rhoPolicy(MDP, PI);
    double[] expected = PaperModel.visitation(MDP, PI, weights);
    double total = 0;
    for (double v : expected) {
      total += v;
    }
    assertThat(total).isCloseTo(1.0, within(Tolerances.EXACT));
    PaperCritic critic = critic(nu);
    SplittableRandom rng = new SplittableRandom(nu.ordinal() + 11);
    long[] counts = new long[expected.length];
    double steps = 0;
    for (int i = 0; i < DRAWS; i++) {
      PaperCritic.Sample x = critic.draw(rng, r, probs);
      counts[x.sa()]++;
      steps += x.transitions();
    }
    int df = expected.length - 1;
    double p = ChiSquare.survival(ChiSquare.statistic(counts, expected), df);
    assertThat(p).as("chi-square p-value against d-tilde for nu %s", nu).isGreaterThan(1e-6);
    // power: the same counts are far from ν itself (the test tells d̃ from ν)
    double[] smoothedNu = new double[weights.length];
    for (int i = 0; i < weights.length; i++) {
      smoothedNu[i] = 0.5 * weights[i] + 0.5 / weights.length;
    }
    assertThat(ChiSquare.survival(ChiSquare.statistic(counts, smoothedNu), df)).isLessThan(1e-6);
    // two geometric phases: mean transitions 2γ/(1−γ), variance 2γ/(1−γ)²
    double gamma = MDP.gamma();
    double se = Math.sqrt(2 * gamma / ((1 - gamma) * (1 - gamma)) / DRAWS);
    assertThat(Math.abs(steps / DRAWS - 2 * gamma / (1 - gamma)) / se).isLessThan(Z);
  }

  /** The copied chi-square tail against the closed form for df = 2: P(X > x) = e^{−x/2}. */
  @Test
  void chiSquareTailMatchesTheClosedForm() {
    for (double x : new double[] {0.5, 3, 12, 40}) {
      assertThat(ChiSquare.survival(x, 2)).isCloseTo(Math.exp(-x / 2), within(Tolerances.EXACT));
    }
  }
}
