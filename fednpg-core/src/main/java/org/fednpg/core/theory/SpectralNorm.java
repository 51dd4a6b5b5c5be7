package org.fednpg.core.theory;

/**
 * Largest singular value of a small dense matrix: the square root of the largest eigenvalue of BᵀB,
 * found by the cyclic Jacobi method (rotations until the off-diagonal mass vanishes relative to the
 * diagonal). Deterministic, no dependency; meant for the 4×4 A(η) and for N×N mixing matrices of a
 * few hundred agents at most.
 */
public final class SpectralNorm {

  private static final int MAX_SWEEPS = 100;

  private SpectralNorm() {}

  /** ‖B‖₂ = σ_max(B) of a rectangular matrix given by rows. */
  public static double of(double[][] b) {
    int rows = b.length;
    int cols = rows == 0 ? 0 : b[0].length;
    if (cols == 0) {
      return 0;
    }
    double[][] g = new double[cols][cols];
    for (int i = 0; i < cols; i++) {
      for (int j = i; j < cols; j++) {
        double s = 0;
        for (int k = 0; k < rows; k++) {
          s += b[k][i] * b[k][j];
        }
        g[i][j] = s;
        g[j][i] = s;
      }
    }
    double max = 0;
    for (double e : symmetricEigenvalues(g)) {
      max = Math.max(max, e);
    }
    return Math.sqrt(max);
  }

  /** σ = ‖W − 11ᵀ/N‖₂ of a square matrix (PAPER.md §2; defined for any W). */
  public static double sigma(double[][] w) {
    int n = w.length;
    double[][] d = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        d[i][j] = w[i][j] - 1.0 / n;
      }
    }
    return of(d);
  }

  /** Eigenvalues of a symmetric matrix (the input is not modified), in no particular order. */
  public static double[] symmetricEigenvalues(double[][] symmetric) {
    int n = symmetric.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = symmetric[i].clone();
    }
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      double diag = 0;
      for (int i = 0; i < n; i++) {
        diag += a[i][i] * a[i][i];
        for (int j = i + 1; j < n; j++) {
          off += a[i][j] * a[i][j];
        }
      }
      if (off == 0 || off <= 1e-34 * diag) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          rotate(a, p, q);
        }
      }
    }
    double[] e = new double[n];
    for (int i = 0; i < n; i++) {
      e[i] = a[i][i];
    }
    return e;
  }

  /** One Jacobi rotation zeroing a[p][q] (Numerical Recipes' stable form). */
  private static void rotate(double[][] a, int p, int q) {
    double apq = a[p][q];
    if (apq == 0) {
      return;
    }
    double theta = (a[q][q] - a[p][p]) / (2 * apq);
    double t =
        Math.abs(theta) > 1e150
            ? 1 / (2 * theta)
            : Math.signum(theta == 0 ? 1 : theta)
                / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
    double c = 1 / Math.sqrt(t * t + 1);
    double s = t * c;
    int n = a.length;
    for (int r = 0; r < n; r++) {
      if (r != p && r != q) {
        double arp = a[r][p];
        double arq = a[r][q];
        a[r][p] = c * arp - s * arq;
        a[p][r] = a[r][p];
        a[r][q] = s * arp + c * arq;
        a[q][r] = a[r][q];
      }
    }
    a[p][p] -= t * apq;
    a[q][q] += t * apq;
    a[p][q] = 0;
    a[q][p] = 0;
  }
}
