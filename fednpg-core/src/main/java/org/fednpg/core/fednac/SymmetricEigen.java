package org.fednpg.core.fednac;

/**
 * Eigenvalues of a small dense symmetric matrix by the cyclic Jacobi method (rotations until the
 * off-diagonal mass is below 1e-15 of the Frobenius norm). Enough for FedNAC's d×d feature
 * covariance in the theory block; O(d³) per sweep.
 */
final class SymmetricEigen {

  private static final int MAX_SWEEPS = 100;

  private SymmetricEigen() {}

  /** The smallest eigenvalue of symmetric {@code m} (not modified). */
  static double smallest(double[][] m) {
    double[] ev = eigenvalues(m);
    double min = Double.POSITIVE_INFINITY;
    for (double v : ev) {
      min = Math.min(min, v);
    }
    return min;
  }

  /** All eigenvalues of symmetric {@code m} (unsorted; {@code m} is not modified). */
  static double[] eigenvalues(double[][] m) {
    int n = m.length;
    double[][] a = new double[n][];
    double frob = 0;
    for (int i = 0; i < n; i++) {
      if (m[i].length != n) {
        throw new IllegalArgumentException("matrix is not square: row " + i + " has "
            + m[i].length + " entries, expected " + n);
      }
      a[i] = m[i].clone();
      for (int j = 0; j < n; j++) {
        frob += a[i][j] * a[i][j];
      }
    }
    double tol = 1e-30 * Math.max(frob, Double.MIN_NORMAL);
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          off += a[p][q] * a[p][q];
        }
      }
      if (off <= tol) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          double apq = a[p][q];
          if (apq == 0) {
            continue;
          }
          double theta = (a[q][q] - a[p][p]) / (2 * apq);
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
    return ev;
  }
}
