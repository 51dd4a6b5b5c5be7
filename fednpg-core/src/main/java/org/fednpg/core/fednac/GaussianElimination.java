package org.fednpg.core.fednac;

/** Dense linear solves for the small systems of FedNAC's critics. */
final class GaussianElimination {

  private GaussianElimination() {}

  /**
   * Solves the augmented system [A | b] (n rows of n + 1 numbers, destroyed) by Gaussian
   * elimination with partial pivoting.
   *
   * @throws ArithmeticException if A is singular (a column has no nonzero pivot), instead of
   *     returning NaN or infinite entries
   */
  static double[] solve(double[][] a) {
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
      double p = a[col][col];
      if (p == 0) {
        throw new ArithmeticException(
            "singular linear system: column "
                + col
                + " of the "
                + n
                + "x"
                + n
                + " matrix has no nonzero pivot (linearly dependent rows)");
      }
      for (int row = col + 1; row < n; row++) {
        double f = a[row][col] / p;
        if (f == 0) {
          continue;
        }
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
