package org.fednpg.core.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fednpg.api.Parameters;
import org.fednpg.api.RandomSource;
import org.fednpg.api.Topology;
import org.fednpg.api.model.KernelSampler;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MixingMatrix;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.run.Algorithm;
import org.fednpg.api.run.AlgorithmContext;
import org.fednpg.core.DenseEvaluator;
import org.fednpg.core.Harness;
import org.fednpg.core.TestTopologies;
import org.fednpg.testing.RandomMdps;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;

/**
 * FedNPG with mixing matrices beyond Assumption 3.1 (issue 13), and the naive baseline's readings
 * against an independent dense re-implementation written here.
 */
class MixingBeyondAssumptionTest {

  private static final MultiTaskMdp GARNET = RandomMdps.create(11, 12, 3, 3, 6, 0.9);

  /** The paper's Eq. (312): W_nn = W_{n,n+1} = 0.5 (doubly stochastic, not symmetric). */
  private static MixingMatrix eq312(int n) {
    double[][] w = new double[n][n];
    for (int i = 0; i < n; i++) {
      w[i][i] = 0.5;
      w[i][(i + 1) % n] = 0.5;
    }
    return MixingMatrix.of(w);
  }

  /** Row-stochastic, columns not summing to 1: row n keeps p_n and gives 1 − p_n to n+1. */
  private static MixingMatrix rowStochastic(int n) {
    double[][] w = new double[n][n];
    for (int i = 0; i < n; i++) {
      double keep = 0.2 + 0.6 * i / (n - 1);
      w[i][i] = keep;
      w[i][(i + 1) % n] = 1 - keep;
    }
    return MixingMatrix.of(w);
  }

  /** max over (s,a) of |(1/N)Σ T_n − (1/N)Σ Q_n|. */
  private static double trackingViolation(Algorithm alg) {
    double[] diff = meanDifference(alg);
    double worst = 0;
    for (double d : diff) {
      worst = Math.max(worst, Math.abs(d));
    }
    return worst;
  }

  private static double[] meanDifference(Algorithm alg) {
    int size = GARNET.states() * GARNET.actions();
    double[] diff = new double[size];
    for (Object o : alg.agents()) {
      NpgAgent a = (NpgAgent) o;
      double[] t = a.tracker();
      double[] q = a.localQ();
      for (int i = 0; i < size; i++) {
        diff[i] += (t[i] - q[i]) / GARNET.agents();
      }
    }
    return diff;
  }

  @Test
  void trackingInvariantHoldsWithNonSymmetricDoublyStochasticW() {
    MixingMatrix w = eq312(GARNET.agents());
    assertThat(w.weight(0, 1)).isNotEqualTo(w.weight(1, 0));
    for (double tau : new double[] {0.0, 0.05}) {
      Topology ring = TestTopologies.fixed(w);
      Algorithm alg = Harness.build(new FedNpgProvider(), GARNET, ring, 0.1, tau);
      List<Double> violations = new ArrayList<>();
      Harness.run(alg, GARNET, ring, 40, tau, 1, row -> violations.add(trackingViolation(alg)));
      assertThat(violations)
          .hasSize(41)
          .allSatisfy(v -> assertThat(v).isLessThan(Tolerances.EXACT));
    }
  }

  /**
   * With column sums c_m ≠ 1: (1/N)Σ_n T_n^(1) = (1/N)Σ_m c_m (T_m^(0) + Q_m^(1) − Q_m^(0)) and
   * T^(0) = Q^(0), so mean T^(1) − mean Q^(1) = (1/N)Σ_m (c_m − 1) Q_m^(1): non-zero as soon as the
   * agents' Q differ. The test checks that closed form and that it is far from 0.
   */
  @Test
  void trackingInvariantFailsWithRowStochasticW() {
    int n = GARNET.agents();
    MixingMatrix w = rowStochastic(n);
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      for (int m = 0; m < n; m++) {
        c[m] += w.weight(i, m);
      }
    }
    Topology topology = TestTopologies.fixed(w);
    Algorithm alg = Harness.build(new FedNpgProvider(), GARNET, topology, 0.1, 0.0);
    List<double[]> diffs = new ArrayList<>();
    List<double[][]> localQ = new ArrayList<>();
    Harness.run(
        alg,
        GARNET,
        topology,
        5,
        0.0,
        1,
        row -> {
          diffs.add(meanDifference(alg));
          double[][] q = new double[n][];
          for (int i = 0; i < n; i++) {
            q[i] = ((NpgAgent) alg.agents().get(i)).localQ();
          }
          localQ.add(q);
        });
    for (double d : diffs.get(0)) {
      assertThat(d).isCloseTo(0.0, within(Tolerances.EXACT));
    }
    double worst = 0;
    for (int sa = 0; sa < diffs.get(1).length; sa++) {
      double expected = 0;
      for (int m = 0; m < n; m++) {
        expected += (c[m] - 1) * localQ.get(1)[m][sa] / n;
      }
      assertThat(diffs.get(1)[sa]).isCloseTo(expected, within(Tolerances.EXACT));
      worst = Math.max(worst, Math.abs(diffs.get(1)[sa]));
    }
    assertThat(worst).isGreaterThan(1e-3);
  }

  /** Builds {@code naive} with an explicit variant (or the default when null). */
  private static Algorithm naive(String variant, Topology topology, double eta, double tau) {
    NaiveProvider provider = new NaiveProvider();
    Map<String, Object> raw = new java.util.HashMap<>(Map.of("eta", eta, "tau", tau));
    if (variant != null) {
      raw.put("variant", variant);
    }
    Parameters p =
        Parameters.resolve("algorithm", provider.parameters(), raw, java.nio.file.Path.of("."));
    return provider.create(
        p,
        new AlgorithmContext(
            GARNET,
            new KernelSampler(GARNET),
            topology,
            new DenseEvaluator(GARNET),
            RandomSource.of(1),
            null));
  }

  @Test
  void naiveVariantsFollowTheirDefinitions() {
    MixingMatrix w = eq312(GARNET.agents());
    Topology topology = TestTopologies.fixed(w);
    double eta = 0.3;
    double tau = 0.05;
    for (String variant : new String[] {null, "local-q", "frozen", "mixed-q"}) {
      Algorithm alg = naive(variant, topology, eta, tau);
      assertThat(alg.exchangesPerIteration()).isEqualTo("mixed-q".equals(variant) ? 2 : 1);
      List<LogPolicy[]> got = new ArrayList<>();
      Harness.run(
          alg,
          GARNET,
          topology,
          15,
          tau,
          1,
          row -> {
            LogPolicy[] ps = new LogPolicy[GARNET.agents()];
            for (int i = 0; i < ps.length; i++) {
              ps[i] = alg.agents().get(i).policy();
            }
            got.add(ps);
          });
      List<double[][]> expected = reference(variant == null ? "local-q" : variant, w, eta, tau, 15);
      for (int t = 0; t < expected.size(); t++) {
        for (int i = 0; i < GARNET.agents(); i++) {
          for (int sa = 0; sa < expected.get(t)[i].length; sa++) {
            assertThat(got.get(t)[i].logProbability(sa))
                .as("%s t=%d agent %d", variant, t, i)
                .isCloseTo(expected.get(t)[i][sa], within(Tolerances.EXACT));
          }
        }
      }
    }
  }

  /** The three readings of PAPER.md §1 written out directly on dense arrays. */
  private static List<double[][]> reference(
      String variant, MixingMatrix w, double eta, double tau, int iterations) {
    int n = GARNET.agents();
    int nS = GARNET.states();
    int nA = GARNET.actions();
    double keep = 1 - eta * tau / (1 - GARNET.gamma());
    double step = eta / (1 - GARNET.gamma());
    double[][] logPi = new double[n][nS * nA];
    for (double[] row : logPi) {
      java.util.Arrays.fill(row, -Math.log(nA));
    }
    double[][] q0 = new double[n][];
    for (int i = 0; i < n; i++) {
      q0[i] =
          DenseEvaluator.q(GARNET, GARNET.reward(i), LogPolicy.ofNormalized(nS, nA, logPi[i]), tau);
    }
    double[][] direction = q0;
    List<double[][]> out = new ArrayList<>();
    out.add(copy(logPi));
    for (int t = 0; t < iterations; t++) {
      double[][] next = new double[n][nS * nA];
      for (int i = 0; i < n; i++) {
        for (int m = 0; m < n; m++) {
          for (int sa = 0; sa < nS * nA; sa++) {
            next[i][sa] += w.weight(i, m) * (keep * logPi[m][sa] + step * direction[m][sa]);
          }
        }
        for (int s = 0; s < nS; s++) {
          double max = Double.NEGATIVE_INFINITY;
          for (int a = 0; a < nA; a++) {
            max = Math.max(max, next[i][s * nA + a]);
          }
          double z = 0;
          for (int a = 0; a < nA; a++) {
            z += Math.exp(next[i][s * nA + a] - max);
          }
          for (int a = 0; a < nA; a++) {
            next[i][s * nA + a] -= max + Math.log(z);
          }
        }
      }
      logPi = next;
      double[][] q = new double[n][];
      for (int i = 0; i < n; i++) {
        q[i] =
            DenseEvaluator.q(
                GARNET, GARNET.reward(i), LogPolicy.ofNormalized(nS, nA, logPi[i]), tau);
      }
      switch (variant) {
        case "local-q" -> direction = q;
        case "frozen" -> direction = q0;
        case "mixed-q" -> {
          double[][] mixed = new double[n][nS * nA];
          for (int i = 0; i < n; i++) {
            for (int m = 0; m < n; m++) {
              for (int sa = 0; sa < nS * nA; sa++) {
                mixed[i][sa] += w.weight(i, m) * q[m][sa];
              }
            }
          }
          direction = mixed;
        }
        default -> throw new AssertionError(variant);
      }
      out.add(copy(logPi));
    }
    return out;
  }

  private static double[][] copy(double[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }
}
