package org.fednpg.evaluators;

/**
 * In-place LU factorisation with partial pivoting of a small dense row-major matrix, and the
 * matching solve. Used for the small strongly connected blocks of I − γP_π, which are strictly row
 * diagonally dominant, so the factorisation always exists and is stable.
 */
final class DenseLu {

  private DenseLu() {}

  /** Factors {@code a} (m×m, row-major) in place; returns false if a pivot is exactly zero. */
  static boolean factor(double[] a, int m, int[] pivot) {
    for (int k = 0; k < m; k++) {
      int p = k;
      double max = Math.abs(a[k * m + k]);
      for (int i = k + 1; i < m; i++) {
        double v = Math.abs(a[i * m + k]);
        if (v > max) {
          max = v;
          p = i;
        }
      }
      pivot[k] = p;
      if (max == 0) {
        return false;
      }
      if (p != k) {
        int rk = k * m;
        int rp = p * m;
        for (int j = 0; j < m; j++) {
          double t = a[rk + j];
          a[rk + j] = a[rp + j];
          a[rp + j] = t;
        }
      }
      double inv = 1.0 / a[k * m + k];
      int rowK = k * m;
      for (int i = k + 1; i < m; i++) {
        int rowI = i * m;
        double f = a[rowI + k] * inv;
        a[rowI + k] = f;
        if (f != 0) {
          for (int j = k + 1; j < m; j++) {
            a[rowI + j] -= f * a[rowK + j];
          }
        }
      }
    }
    return true;
  }

  /**
   * Solves A x = b in place on {@code x} (which holds b on entry) with factors from {@link
   * #factor}.
   */
  static void solve(double[] lu, int m, int[] pivot, double[] x) {
    for (int k = 0; k < m; k++) {
      int p = pivot[k];
      if (p != k) {
        double t = x[k];
        x[k] = x[p];
        x[p] = t;
      }
    }
    for (int i = 1; i < m; i++) {
      double s = x[i];
      int row = i * m;
      for (int j = 0; j < i; j++) {
        s -= lu[row + j] * x[j];
      }
      x[i] = s;
    }
    for (int i = m - 1; i >= 0; i--) {
      double s = x[i];
      int row = i * m;
      for (int j = i + 1; j < m; j++) {
        s -= lu[row + j] * x[j];
      }
      x[i] = s / lu[row + i];
    }
  }
}
