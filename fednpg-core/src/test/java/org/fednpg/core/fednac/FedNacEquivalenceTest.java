package org.fednpg.core.fednac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fednpg.api.Topology;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.run.Algorithm;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.Harness;
import org.fednpg.core.TestTopologies;
import org.fednpg.core.algorithms.FedNpgProvider;
import org.fednpg.testing.RandomMdps;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC §3: with one-hot features and exact critics FedNAC is FedNPG. The FedNPG side runs the core
 * algorithm with the dense test evaluator; FedNAC runs its own θ/w/h recursion.
 */
class FedNacEquivalenceTest {

  private static final MultiTaskMdp GARNET = RandomMdps.create(23, 10, 3, 3, 5, 0.9);
  private static final int ITERATIONS = 30;
  private static final double ETA = 0.3;

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.05})
  void oneHotExactProjectionReproducesFedNpgIterates(double tau) {
    Topology ring = TestTopologies.ring(GARNET.agents());
    Algorithm npg = Harness.build(new FedNpgProvider(), GARNET, ring, ETA, tau);
    FedNacAlgorithm nac =
        NacHarness.build(
            Map.of("eta", ETA, "tau", tau, "features", "onehot", "critic", "exact-projection"),
            GARNET,
            ring,
            1);
    List<List<LogPolicy>> npgPolicies = new ArrayList<>();
    List<List<LogPolicy>> nacPolicies = new ArrayList<>();
    Harness.run(npg, GARNET, ring, ITERATIONS, tau, 2, row -> npgPolicies.add(policies(npg)));
    List<IterationMetrics> rows =
        NacHarness.run(nac, GARNET, ring, ITERATIONS, tau, row -> nacPolicies.add(policies(nac)));
    assertThat(nacPolicies).hasSize(ITERATIONS + 1);
    // the iterates must actually move away from the uniform start, or the check is empty
    assertThat(rows.get(ITERATIONS).consensus()).isGreaterThan(0);
    double moved = 0;
    for (int t = 0; t <= ITERATIONS; t++) {
      for (int n = 0; n < GARNET.agents(); n++) {
        LogPolicy expected = npgPolicies.get(t).get(n);
        LogPolicy actual = nacPolicies.get(t).get(n);
        for (int i = 0; i < GARNET.states() * GARNET.actions(); i++) {
          assertThat(actual.logProbability(i))
              .as("agent %d, iteration %d, entry %d", n, t, i)
              .isCloseTo(expected.logProbability(i), within(Tolerances.EXACT));
          moved = Math.max(moved, Math.abs(actual.logProbability(i) + Math.log(GARNET.actions())));
        }
      }
    }
    assertThat(moved).isGreaterThan(1.0);
    assertThat(rows.get(ITERATIONS).samples()).isZero();
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.05})
  void criticTrackingInvariantHolds(double tau) {
    // (1/N) Σ h_n = (1/N) Σ w_n at every t, because W is doubly stochastic (SPEC §3)
    Topology ring = TestTopologies.ring(GARNET.agents());
    FedNacAlgorithm nac =
        NacHarness.build(
            Map.of(
                "eta",
                ETA,
                "tau",
                tau,
                "features",
                "random",
                "dim",
                12,
                "critic",
                "td",
                "samples",
                300),
            GARNET,
            ring,
            5);
    List<Double> worst = new ArrayList<>();
    NacHarness.run(
        nac,
        GARNET,
        ring,
        15,
        tau,
        row -> {
          int d = nac.agents().get(0).theta().length;
          double[] diff = new double[d];
          for (FedNacAgent a : nac.agents()) {
            double[] h = a.tracker();
            double[] w = a.critic();
            for (int k = 0; k < d; k++) {
              diff[k] += (h[k] - w[k]) / nac.agents().size();
            }
          }
          double m = 0;
          for (double v : diff) {
            m = Math.max(m, Math.abs(v));
          }
          worst.add(m);
        });
    assertThat(worst).hasSize(16).allSatisfy(v -> assertThat(v).isLessThan(Tolerances.EXACT));
  }

  private static List<LogPolicy> policies(Algorithm alg) {
    List<LogPolicy> out = new ArrayList<>();
    alg.agents().forEach(a -> out.add(a.policy()));
    return out;
  }
}
