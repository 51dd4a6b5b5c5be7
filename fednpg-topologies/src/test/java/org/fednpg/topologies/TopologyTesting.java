package org.fednpg.topologies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.fednpg.api.Parameters;
import org.fednpg.api.RandomSource;
import org.fednpg.api.Topology;
import org.fednpg.api.TopologyContext;
import org.fednpg.api.TopologyProvider;
import org.fednpg.api.model.MixingMatrix;
import org.fednpg.testing.Tolerances;

/**
 * Test support: builds topologies through the service registry exactly as a spec would, and checks
 * mixing matrices with code independent of {@link MixingValidator} and {@link Spectral} (a cyclic
 * Jacobi eigen-solver written here).
 */
final class TopologyTesting {

  private TopologyTesting() {}

  /** The provider registered under {@code name}. */
  static TopologyProvider provider(String name) {
    for (TopologyProvider p : ServiceLoader.load(TopologyProvider.class)) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    throw new AssertionError("no provider " + name);
  }

  static Topology build(String name, Map<String, ?> params, int agents, long seed) {
    return build(name, params, agents, seed, Path.of("."));
  }

  static Topology build(String name, Map<String, ?> params, int agents, long seed, Path base) {
    TopologyProvider p = provider(name);
    Parameters resolved =
        Parameters.resolve("topology '" + name + "'", p.parameters(), params, base);
    return p.create(resolved, new TopologyContext(agents, RandomSource.of(seed)));
  }

  /**
   * Asserts SPEC §2 on {@code w} with our own loops: symmetric, rows (hence columns) sum to 1,
   * entries ≥ 0, W_nn &gt; 0, support within {@code graph} plus the diagonal.
   */
  static void assertDoublyStochasticOn(MixingMatrix w, CommunicationGraph graph) {
    int n = w.size();
    assertThat(n).isEqualTo(graph.size());
    for (int i = 0; i < n; i++) {
      double row = 0;
      double col = 0;
      assertThat(w.weight(i, i)).as("W[%d][%d] > 0", i, i).isGreaterThan(0.0);
      for (int j = 0; j < n; j++) {
        double x = w.weight(i, j);
        row += x;
        col += w.weight(j, i);
        assertThat(x).as("W[%d][%d] >= 0", i, j).isGreaterThanOrEqualTo(0.0);
        assertThat(x)
            .as("W symmetric at (%d, %d)", i, j)
            .isCloseTo(w.weight(j, i), within(Tolerances.REORDERED));
        if (i != j && x != 0) {
          assertThat(graph.hasEdge(i, j)).as("W[%d][%d] on an edge", i, j).isTrue();
        }
      }
      assertThat(row).as("row %d sum", i).isCloseTo(1.0, within(Tolerances.REORDERED * n));
      assertThat(col).as("column %d sum", i).isCloseTo(1.0, within(Tolerances.REORDERED * n));
    }
  }

  /** Eigenvalues of a symmetric matrix by cyclic Jacobi rotations, ascending. */
  static double[] jacobiEigenvalues(double[][] matrix) {
    int n = matrix.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = matrix[i].clone();
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          off += a[p][q] * a[p][q];
        }
      }
      if (off < 1e-30) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          if (a[p][q] == 0) {
            continue;
          }
          double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
          }
          for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
          }
        }
      }
    }
    double[] ev = new double[n];
    for (int i = 0; i < n; i++) {
      ev[i] = a[i][i];
    }
    java.util.Arrays.sort(ev);
    return ev;
  }

  /** σ = max |eigenvalue| of W − 11ᵀ/N, by Jacobi. */
  static double jacobiSigma(MixingMatrix w) {
    int n = w.size();
    double[][] a = w.toArray();
    for (double[] row : a) {
      for (int j = 0; j < n; j++) {
        row[j] -= 1.0 / n;
      }
    }
    double s = 0;
    for (double x : jacobiEigenvalues(a)) {
      s = Math.max(s, Math.abs(x));
    }
    return s;
  }

  /**
   * σ = ‖W − 11ᵀ/N‖₂ for any square W, as the square root of the largest eigenvalue of (W −
   * 11ᵀ/N)ᵀ(W − 11ᵀ/N), by Jacobi (independent of EJML's SVD).
   */
  static double jacobiSingularSigma(MixingMatrix w) {
    int n = w.size();
    double[][] a = w.toArray();
    for (double[] row : a) {
      for (int j = 0; j < n; j++) {
        row[j] -= 1.0 / n;
      }
    }
    double[][] g = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int k = 0; k < n; k++) {
          g[i][j] += a[k][i] * a[k][j];
        }
      }
    }
    double s = 0;
    for (double x : jacobiEigenvalues(g)) {
      s = Math.max(s, x);
    }
    return Math.sqrt(s);
  }

  /** The graph of a topology built by this module. */
  static CommunicationGraph graphOf(Topology t) {
    return ((GraphTopology) t).graph();
  }
}
