package org.fednpg.testing;

/**
 * Gaussian elimination with partial pivoting on a small dense augmented matrix: the independent
 * reference solve that tests compare the library's solvers and fits against.
 */
public final class DenseSolve {

  private DenseSolve() {}

  /**
   * Solves A x = b given as the augmented n×(n+1) matrix [A | b], which is overwritten.
   *
   * @return x
   */
  public static double[] augmented(double[][] a) {
    int n = a.length;
    for (int col = 0; col < n; col++) {
      int piv = col;
      for (int row = col + 1; row < n; row++) {
        if (Math.abs(a[row][col]) > Math.abs(a[piv][col])) {
          piv = row;
        }
      }
      double[] t = a[col];
      a[col] = a[piv];
      a[piv] = t;
      for (int row = col + 1; row < n; row++) {
        double f = a[row][col] / a[col][col];
        for (int k = col; k <= n; k++) {
          a[row][k] -= f * a[col][k];
        }
      }
    }
    double[] x = new double[n];
    for (int row = n - 1; row >= 0; row--) {
      double s = a[row][n];
      for (int k = row + 1; k < n; k++) {
        s -= a[row][k] * x[k];
      }
      x[row] = s / a[row][row];
    }
    return x;
  }
}
