package org.fednpg.evaluators;

import org.fednpg.api.FedNpgException;

/**
 * A small block of I − γP_π as a dense LU with partial pivoting ({@link DenseLu}); the block is
 * strictly row diagonally dominant, so the factorisation exists and is stable. Direct: the start is
 * ignored.
 */
final class DenseBlockFactor implements BlockFactor {

  private final int from;
  private final int size;
  private final int[] rowPtr;
  private final int[] col;
  private final int[] split;
  private final double[] lu;
  private final int[] pivots;

  DenseBlockFactor(int from, int size, int[] rowPtr, int[] col, int[] split) {
    this.from = from;
    this.size = size;
    this.rowPtr = rowPtr;
    this.col = col;
    this.split = split;
    this.lu = new double[size * size];
    this.pivots = new int[size];
  }

  @Override
  public void refresh(double[] pv, double gamma) {
    int m = size;
    java.util.Arrays.fill(lu, 0.0);
    for (int i = 0; i < m; i++) {
      int row = from + i;
      lu[i * m + i] = 1.0;
      for (int e = split[row]; e < rowPtr[row + 1]; e++) {
        lu[i * m + (col[e] - from)] -= gamma * pv[e];
      }
    }
    if (!DenseLu.factor(lu, m, pivots)) {
      throw new FedNpgException("exact policy evaluation: singular block of size " + m);
    }
  }

  @Override
  public int solve(
      double[] pv, double gamma, double[] y, double[] x, double target, KrylovScratch scratch) {
    solveDirect(pv, gamma, y, x);
    return 0;
  }

  @Override
  public void solveDirect(double[] pv, double gamma, double[] y, double[] x) {
    DenseLu.solve(lu, size, pivots, y);
    System.arraycopy(y, 0, x, from, size);
  }
}
