package org.fednpg.core;

import org.fednpg.api.Topology;
import org.fednpg.api.model.MixingMatrix;

/** Hand-built topologies for core tests, independent of the topologies module. */
public final class TestTopologies {

  private TestTopologies() {}

  /** Ring, one neighbour per side, equal weights 1/3 (N ≥ 3). */
  public static Topology ring(int n) {
    double[][] w = new double[n][n];
    for (int i = 0; i < n; i++) {
      w[i][i] += 1.0 / 3;
      w[i][(i + 1) % n] += 1.0 / 3;
      w[i][(i + n - 1) % n] += 1.0 / 3;
    }
    return fixed(MixingMatrix.of(w));
  }

  /** A fixed matrix; σ not computed (NaN). */
  public static Topology fixed(MixingMatrix w) {
    return new Topology() {
      @Override
      public int agents() {
        return w.size();
      }

      @Override
      public MixingMatrix mixing(long round) {
        return w;
      }

      @Override
      public double sigma() {
        return Double.NaN;
      }
    };
  }
}
