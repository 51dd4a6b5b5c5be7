package org.fednpg.api.model;

import java.util.Arrays;
import org.fednpg.api.InvalidInputException;

/**
 * A mixing matrix W over N agents, immutable, with each row's support precomputed for sparse
 * mixing. This type only checks shape and finiteness; the full validation of SPEC §2 (non-negative,
 * support within the graph, rows and — unless {@code stochastic: row} — columns summing to 1, σ
 * &lt; 1; symmetry is reported, not required) belongs to the topology module, which builds every W
 * the framework uses. W need not be symmetric: {@link #mixRows} applies the rows, agent n receiving
 * Σ_m W_nm x_m.
 */
public final class MixingMatrix {

  private final int size;
  private final double[] w;
  private final int[][] support;
  private final double[][] supportWeights;

  private MixingMatrix(int size, double[] w) {
    this.size = size;
    this.w = w;
    this.support = new int[size][];
    this.supportWeights = new double[size][];
    for (int n = 0; n < size; n++) {
      int count = 0;
      for (int m = 0; m < size; m++) {
        if (w[n * size + m] != 0) {
          count++;
        }
      }
      support[n] = new int[count];
      supportWeights[n] = new double[count];
      int k = 0;
      for (int m = 0; m < size; m++) {
        if (w[n * size + m] != 0) {
          support[n][k] = m;
          supportWeights[n][k] = w[n * size + m];
          k++;
        }
      }
    }
  }

  /** A matrix from rows (copied); every row must have {@code rows.length} finite entries. */
  public static MixingMatrix of(double[][] rows) {
    int n = rows.length;
    if (n < 1) {
      throw new InvalidInputException("mixing matrix must have at least one row");
    }
    double[] flat = new double[n * n];
    for (int i = 0; i < n; i++) {
      if (rows[i].length != n) {
        throw new InvalidInputException(
            "mixing matrix row " + i + " has " + rows[i].length + " entries, expected " + n);
      }
      for (int j = 0; j < n; j++) {
        if (!Double.isFinite(rows[i][j])) {
          throw new InvalidInputException(
              "mixing matrix entry (" + i + ", " + j + ") must be finite, got " + rows[i][j]);
        }
        flat[i * n + j] = rows[i][j];
      }
    }
    return new MixingMatrix(n, flat);
  }

  /** The N×N identity (no communication). */
  public static MixingMatrix identity(int n) {
    double[][] rows = new double[n][n];
    for (int i = 0; i < n; i++) {
      rows[i][i] = 1;
    }
    return of(rows);
  }

  /** W = 11ᵀ/N, complete averaging (σ = 0). */
  public static MixingMatrix averaging(int n) {
    double[][] rows = new double[n][n];
    for (double[] row : rows) {
      Arrays.fill(row, 1.0 / n);
    }
    return of(rows);
  }

  /** N. */
  public int size() {
    return size;
  }

  public double weight(int n, int m) {
    return w[n * size + m];
  }

  /** Indices m with W_nm ≠ 0, ascending, including n itself when W_nn ≠ 0 (a copy). */
  public int[] support(int n) {
    return support[n].clone();
  }

  /** Weights aligned with {@link #support(int)} (a copy). */
  public double[] supportWeights(int n) {
    return supportWeights[n].clone();
  }

  /** Number of neighbours m ≠ n with W_nm ≠ 0 (messages agent n receives per exchange). */
  public int inDegree(int n) {
    return weight(n, n) != 0 ? support[n].length - 1 : support[n].length;
  }

  /**
   * out[n] = Σ_m W_nm in[m], entrywise over tables of equal length, for every n in [from, to). Uses
   * only each row's support; {@code out} must not alias {@code in}.
   */
  public void mixRows(double[][] in, double[][] out, int from, int to) {
    for (int n = from; n < to; n++) {
      double[] o = out[n];
      int[] sup = support[n];
      double[] ws = supportWeights[n];
      Arrays.fill(o, 0.0);
      for (int k = 0; k < sup.length; k++) {
        double wk = ws[k];
        double[] x = in[sup[k]];
        for (int i = 0; i < o.length; i++) {
          o[i] += wk * x[i];
        }
      }
    }
  }

  /** Row-major copy of all entries. */
  public double[][] toArray() {
    double[][] rows = new double[size][size];
    for (int i = 0; i < size; i++) {
      System.arraycopy(w, i * size, rows[i], 0, size);
    }
    return rows;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MixingMatrix m && size == m.size && Arrays.equals(w, m.w);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(w);
  }

  @Override
  public String toString() {
    return "MixingMatrix[" + size + "x" + size + "]";
  }
}
