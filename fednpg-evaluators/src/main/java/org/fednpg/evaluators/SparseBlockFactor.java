package org.fednpg.evaluators;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.interfaces.linsol.LinearSolverSparse;
import org.ejml.ops.DConvertMatrixStruct;
import org.ejml.sparse.FillReducing;
import org.ejml.sparse.csc.factory.LinearSolverFactory_DSCC;
import org.fednpg.api.FedNpgException;

/**
 * A large block of I − γP_π, solved by unpreconditioned BiCGSTAB read straight from the P_π entries
 * (no copy, no factorisation), warm-started from the caller's guess, with EJML's sparse LU as the
 * direct fallback when BiCGSTAB stalls or breaks down.
 *
 * <p>Why unpreconditioned (measured, README "Performance"): on well-mixing blocks (Garnet-like
 * random MDPs) the spectrum of γP_π is the eigenvalue γ plus a small disc, so BiCGSTAB needs about
 * ten iterations (two products each) for 1e-12, while ILU(0) costs some twenty products to refresh
 * on rows with ~100 entries and saves only half the iterations. On slowly mixing blocks (long
 * cycles) BiCGSTAB stalls and the LU, whose fill stays small there, takes over. Not thread-safe:
 * one instance per thread.
 */
final class SparseBlockFactor implements BlockFactor {

  /** Krylov iterations (matrix-vector products) before the direct fallback (our choice). */
  static final int MAX_PRODUCTS = 400;

  private final int from;
  private final int size;
  private final int[] rowPtr;
  private final int[] col;
  private final int[] split;
  private final boolean directOnly;

  /**
   * The in-block column indices relative to {@code from} as 16-bit chars, entry for entry with the
   * P_π pattern (other entries 0), when the block has at most 65 536 states, else null: the
   * products are bound by the loads of the pattern, and 10 instead of 12 bytes per entry are
   * measurably faster (our choice).
   */
  private final char[] localCol;

  /** Whether no entry leaves the block, so P_π restricted to it is stochastic. */
  private final boolean closed;

  private double[] currentPv;
  private double currentGamma;
  private LinearSolverSparse<DMatrixSparseCSC, DMatrixRMaj> lu;
  private DMatrixRMaj luRhs;
  private DMatrixRMaj luX;

  SparseBlockFactor(int from, int size, int[] rowPtr, int[] col, int[] split, boolean directOnly) {
    this.from = from;
    this.size = size;
    this.rowPtr = rowPtr;
    this.col = col;
    this.split = split;
    this.directOnly = directOnly;
    boolean noExit = true;
    for (int i = from; i < from + size; i++) {
      noExit &= split[i] == rowPtr[i];
    }
    this.closed = noExit;
    if (size <= 1 << 16) {
      localCol = new char[rowPtr[from + size]];
      for (int i = from; i < from + size; i++) {
        for (int e = split[i]; e < rowPtr[i + 1]; e++) {
          localCol[e] = (char) (col[e] - from);
        }
      }
    } else {
      localCol = null;
    }
  }

  @Override
  public void refresh(double[] pv, double gamma) {
    currentPv = pv;
    currentGamma = gamma;
    lu = null;
  }

  @Override
  public int solve(
      double[] pv, double gamma, double[] y, double[] x, double target, KrylovScratch w) {
    if (directOnly) {
      solveDirect(pv, gamma, y, x);
      return 0;
    }
    int m = size;
    double[] xl = w.x;
    double[] r = w.r;
    double[] rHat = w.rHat;
    double[] p = w.p;
    double[] v = w.v;
    double[] s = w.s;
    double[] t = w.t;
    double[] pHat = w.pHat;
    double[] sHat = w.sHat;
    // right preconditioner M⁻¹ = I + c 1 1ᵀ/m (Brauer deflation, our choice): on a closed block
    // P_π 1 = 1, so A M⁻¹ = I − γ (P_π − 1 1ᵀ/m) has the eigenvalue 1 − γ moved to 1 and keeps the
    // others; BiCGSTAB then needs no iterations to resolve that outlier. c = γ/(1−γ); 0 when the
    // block has exits (then 1 is no eigenvector). Right preconditioning leaves x unscaled.
    double c = closed ? gamma / (1 - gamma) : 0.0;
    System.arraycopy(x, from, xl, 0, m);
    multiply(pv, gamma, xl, r);
    double rr = 0;
    double rMax = 0;
    for (int i = 0; i < m; i++) {
      double ri = y[i] - r[i];
      r[i] = ri;
      rHat[i] = ri;
      p[i] = 0;
      v[i] = 0;
      rr += ri * ri;
      rMax = Math.max(rMax, Math.abs(ri));
    }
    int products = 1;
    double rho = 1;
    double alpha = 1;
    double omega = 1;
    double rhoNew = rr;
    boolean converged = rMax <= target;
    while (!converged && products < MAX_PRODUCTS) {
      if (rhoNew == 0 || !Double.isFinite(rhoNew)) {
        break;
      }
      double beta = (rhoNew / rho) * (alpha / omega);
      rho = rhoNew;
      double sum = 0;
      for (int i = 0; i < m; i++) {
        double pi = r[i] + beta * (p[i] - omega * v[i]);
        p[i] = pi;
        sum += pi;
      }
      precondition(p, pHat, c * sum / m);
      double rv = multiplyDot(pv, gamma, pHat, v, rHat);
      products++;
      if (rv == 0 || !Double.isFinite(rv)) {
        break;
      }
      alpha = rho / rv;
      double sMax = 0;
      sum = 0;
      for (int i = 0; i < m; i++) {
        double si = r[i] - alpha * v[i];
        s[i] = si;
        sMax = Math.max(sMax, Math.abs(si));
        sum += si;
      }
      if (sMax <= target) {
        for (int i = 0; i < m; i++) {
          xl[i] += alpha * pHat[i];
        }
        converged = true;
        break;
      }
      precondition(s, sHat, c * sum / m);
      multiply(pv, gamma, sHat, t);
      products++;
      double ts = 0;
      double tt = 0;
      for (int i = 0; i < m; i++) {
        ts += t[i] * s[i];
        tt += t[i] * t[i];
      }
      if (tt == 0) {
        break;
      }
      omega = ts / tt;
      if (omega == 0 || !Double.isFinite(omega)) {
        break;
      }
      rMax = 0;
      rhoNew = 0;
      for (int i = 0; i < m; i++) {
        xl[i] += alpha * pHat[i] + omega * sHat[i];
        double ri = s[i] - omega * t[i];
        r[i] = ri;
        rMax = Math.max(rMax, Math.abs(ri));
        rhoNew += rHat[i] * ri;
      }
      converged = rMax <= target;
    }
    // the caller measures the true residual of what is returned and falls back if needed
    System.arraycopy(xl, 0, x, from, m);
    return products;
  }

  /** out = z + shift 1: the preconditioner applied, shift = c mean(z). */
  private void precondition(double[] z, double[] out, double shift) {
    for (int i = 0; i < size; i++) {
      out[i] = z[i] + shift;
    }
  }

  /** out = (I − γP_π) x on the block, local vectors. */
  private void multiply(double[] pv, double gamma, double[] x, double[] out) {
    int base = from;
    char[] lc = localCol;
    for (int i = 0; i < size; i++) {
      int row = base + i;
      out[i] =
          x[i]
              - gamma
                  * (lc != null
                      ? rowDot(pv, lc, split[row], rowPtr[row + 1], x)
                      : rowDot(pv, col, split[row], rowPtr[row + 1], x, base));
    }
  }

  /** out = (I − γP_π) x on the block and returns ⟨h, out⟩. */
  private double multiplyDot(double[] pv, double gamma, double[] x, double[] out, double[] h) {
    int base = from;
    char[] lc = localCol;
    double dot = 0;
    for (int i = 0; i < size; i++) {
      int row = base + i;
      double o =
          x[i]
              - gamma
                  * (lc != null
                      ? rowDot(pv, lc, split[row], rowPtr[row + 1], x)
                      : rowDot(pv, col, split[row], rowPtr[row + 1], x, base));
      out[i] = o;
      dot += h[i] * o;
    }
    return dot;
  }

  /**
   * Σ_{e in [begin, end)} pv[e] x[col[e] − base] with four partial sums: rows of random MDPs have
   * ~100 entries, and one running sum would serialise them on the floating-point adder (a fixed
   * order, so results stay deterministic).
   */
  static double rowDot(double[] pv, int[] col, int begin, int end, double[] x, int base) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int e = begin;
    for (; e + 3 < end; e += 4) {
      s0 += pv[e] * x[col[e] - base];
      s1 += pv[e + 1] * x[col[e + 1] - base];
      s2 += pv[e + 2] * x[col[e + 2] - base];
      s3 += pv[e + 3] * x[col[e + 3] - base];
    }
    for (; e < end; e++) {
      s0 += pv[e] * x[col[e] - base];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** {@link #rowDot(double[], int[], int, int, double[], int)} on block-local char columns. */
  static double rowDot(double[] pv, char[] col, int begin, int end, double[] x) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int e = begin;
    for (; e + 3 < end; e += 4) {
      s0 += pv[e] * x[col[e]];
      s1 += pv[e + 1] * x[col[e + 1]];
      s2 += pv[e + 2] * x[col[e + 2]];
      s3 += pv[e + 3] * x[col[e + 3]];
    }
    for (; e < end; e++) {
      s0 += pv[e] * x[col[e]];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public void solveDirect(double[] pv, double gamma, double[] y, double[] x) {
    if (lu == null || pv != currentPv || gamma != currentGamma) {
      factorLu(pv, gamma);
    }
    System.arraycopy(y, 0, luRhs.data, 0, size);
    lu.solve(luRhs, luX);
    System.arraycopy(luX.data, 0, x, from, size);
  }

  private void factorLu(double[] pv, double gamma) {
    int m = size;
    DMatrixSparseTriplet triplet = new DMatrixSparseTriplet(m, m, rowPtr[from + m] - split[from]);
    for (int i = 0; i < m; i++) {
      int row = from + i;
      boolean diagonal = false;
      for (int e = split[row]; e < rowPtr[row + 1]; e++) {
        int j = col[e] - from;
        double a = (j == i ? 1.0 : 0.0) - gamma * pv[e];
        diagonal |= j == i;
        if (a != 0) {
          triplet.addItem(i, j, a);
        }
      }
      if (!diagonal) {
        triplet.addItem(i, i, 1.0);
      }
    }
    DMatrixSparseCSC csc = DConvertMatrixStruct.convert(triplet, (DMatrixSparseCSC) null);
    lu = LinearSolverFactory_DSCC.lu(FillReducing.NONE);
    if (!lu.setA(csc)) {
      throw new FedNpgException(
          "exact policy evaluation: sparse LU of a block of size "
              + m
              + " of I - gamma P_pi failed");
    }
    luRhs = new DMatrixRMaj(m, 1);
    luX = new DMatrixRMaj(m, 1);
    currentPv = pv;
    currentGamma = gamma;
  }
}
