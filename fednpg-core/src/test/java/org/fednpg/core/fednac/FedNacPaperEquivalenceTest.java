package org.fednpg.core.fednac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fednpg.api.Topology;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MixingMatrix;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.core.DenseEvaluator;
import org.fednpg.core.TestTopologies;
import org.fednpg.testing.RandomMdps;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;

/**
 * The paper's FedNAC (Algorithm 3) with one-hot features and the exact Q^π in place of Algorithm 4
 * is FedNPG with τ = 0, η/(1−γ) = α and T^(0) = W Q^(0).
 *
 * <p>Derivation. One-hot features make f_ξ(a|s) = exp(ξ(s,a)) / Σ_b exp(ξ(s,b)), so log f_ξ = ξ −
 * c(s)1 with c(s) = logsumexp_b ξ(s,b), per agent; and the exact critic's weights are w^(t) = Q^(t)
 * (the least-squares fit in a complete basis is the target itself). Tracking: h^(−1) = w^(−1) = 0
 * gives h^(0) = W(0 + w^(0) − 0) = W Q^(0) = T^(0), and h^(t) = W(h^(t−1) + Q^(t) − Q^(t−1)) is
 * FedNPG's line 6, T^(t) = W(T^(t−1) + Q^(t) − Q^(t−1)), so h^(t) = T^(t) for every t by induction.
 * Actor: ξ^(t+1) = W(ξ^(t) + α h^(t)) = W(log π^(t) + α T^(t)) + (W c^(t))(s)1, and the last term
 * is constant across actions for each agent and state, so normalising gives log π^(t+1) = W(log
 * π^(t) + α T^(t)) − log z^(t), which is FedNPG's update with η/(1−γ) = α. Both start from the
 * uniform policy (ξ^(0) = 0).
 *
 * <p>FedNPG is written out below in the test (dense loops, the dense test evaluator), not taken
 * from the core's FedNPG, because its T^(0) = Q^(0) differs from the T^(0) = W Q^(0) needed here.
 */
class FedNacPaperEquivalenceTest {

  private static final MultiTaskMdp GARNET = RandomMdps.create(23, 10, 3, 3, 5, 0.9);
  private static final int ITERATIONS = 30;
  private static final double ALPHA = 3.0;

  @Test
  void oneHotWithExactCriticIsFedNpgWithTrackerStartedAtWQ0() {
    Topology ring = TestTopologies.ring(GARNET.agents());
    FeatureMap features = FeatureMaps.oneHot(GARNET.states(), GARNET.actions());
    FedNacPaperAgent.Critic exact =
        (agent, iteration, reward, policy) ->
            new PaperCritic.Fit(DenseEvaluator.q(GARNET, reward, policy, 0), 0);
    FedNacPaperAlgorithm nac =
        FedNacProvider.paper(
            GARNET,
            features,
            exact,
            ALPHA,
            "onehot",
            new UniformProjection(features, "onehot"),
            FedNacTheory.of(features, PaperModel.uniform(GARNET), GARNET.gamma(), 0.5),
            Map.of(),
            "test");
    List<List<LogPolicy>> nacPolicies = new ArrayList<>();
    NacHarness.run(
        nac,
        GARNET,
        ring,
        ITERATIONS,
        0,
        row -> {
          List<LogPolicy> p = new ArrayList<>();
          nac.agents().forEach(a -> p.add(a.policy()));
          nacPolicies.add(p);
        });
    List<double[][]> npgPolicies = fedNpg(ring.mixing(0), ALPHA, ITERATIONS);
    assertThat(nacPolicies).hasSize(ITERATIONS + 1);
    int rows = GARNET.states() * GARNET.actions();
    double moved = 0;
    for (int t = 0; t <= ITERATIONS; t++) {
      for (int n = 0; n < GARNET.agents(); n++) {
        for (int sa = 0; sa < rows; sa++) {
          double expected = npgPolicies.get(t)[n][sa];
          assertThat(nacPolicies.get(t).get(n).logProbability(sa))
              .as("agent %d, iteration %d, entry %d", n, t, sa)
              .isCloseTo(expected, within(Tolerances.EXACT));
          moved = Math.max(moved, Math.abs(expected + Math.log(GARNET.actions())));
        }
      }
    }
    // the iterates move well away from uniform, so the comparison is not empty
    assertThat(moved).isGreaterThan(1.0);
  }

  /** FedNPG (τ = 0) with T^(0) = W Q^(0): log-policies of every agent, iterations 0..T. */
  private static List<double[][]> fedNpg(MixingMatrix w, double step, int iterations) {
    int agents = GARNET.agents();
    int actions = GARNET.actions();
    int rows = GARNET.states() * actions;
    double[][] logPi = new double[agents][rows];
    for (double[] row : logPi) {
      java.util.Arrays.fill(row, -Math.log(actions));
    }
    double[][] q = evaluate(logPi);
    double[][] t = mix(w, q);
    List<double[][]> out = new ArrayList<>();
    out.add(copy(logPi));
    for (int it = 0; it < iterations; it++) {
      double[][] bracket = new double[agents][rows];
      for (int n = 0; n < agents; n++) {
        for (int sa = 0; sa < rows; sa++) {
          bracket[n][sa] = logPi[n][sa] + step * t[n][sa];
        }
      }
      logPi = mix(w, bracket);
      for (double[] row : logPi) {
        for (int s = 0; s < GARNET.states(); s++) {
          double max = Double.NEGATIVE_INFINITY;
          for (int a = 0; a < actions; a++) {
            max = Math.max(max, row[s * actions + a]);
          }
          double sum = 0;
          for (int a = 0; a < actions; a++) {
            sum += Math.exp(row[s * actions + a] - max);
          }
          double lz = max + Math.log(sum);
          for (int a = 0; a < actions; a++) {
            row[s * actions + a] -= lz;
          }
        }
      }
      double[][] qNext = evaluate(logPi);
      double[][] inner = new double[agents][rows];
      for (int n = 0; n < agents; n++) {
        for (int sa = 0; sa < rows; sa++) {
          inner[n][sa] = t[n][sa] + qNext[n][sa] - q[n][sa];
        }
      }
      t = mix(w, inner);
      q = qNext;
      out.add(copy(logPi));
    }
    return out;
  }

  private static double[][] evaluate(double[][] logPi) {
    double[][] q = new double[logPi.length][];
    for (int n = 0; n < logPi.length; n++) {
      LogPolicy pi = LogPolicy.ofNormalized(GARNET.states(), GARNET.actions(), logPi[n]);
      q[n] = DenseEvaluator.q(GARNET, GARNET.reward(n), pi, 0);
    }
    return q;
  }

  private static double[][] mix(MixingMatrix w, double[][] x) {
    double[][] out = new double[x.length][x[0].length];
    for (int n = 0; n < x.length; n++) {
      for (int m = 0; m < x.length; m++) {
        double wnm = w.weight(n, m);
        for (int i = 0; i < x[0].length; i++) {
          out[n][i] += wnm * x[m][i];
        }
      }
    }
    return out;
  }

  private static double[][] copy(double[][] x) {
    double[][] c = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      c[i] = x[i].clone();
    }
    return c;
  }
}
