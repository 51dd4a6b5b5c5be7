package org.fednpg.evaluators;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.interfaces.linsol.LinearSolverSparse;
import org.ejml.ops.DConvertMatrixStruct;
import org.ejml.sparse.FillReducing;
import org.ejml.sparse.csc.factory.LinearSolverFactory_DSCC;

/**
 * Per-thread numbers and solver for one {@link SparseBlock}: restarted GMRES right-preconditioned
 * by ILU(0), which converges in a few dozen iterations on the well-mixing blocks typical of random
 * MDPs (where a sparse LU would fill in completely), with EJML's sparse LU as the fallback when
 * GMRES stalls (slowly mixing blocks such as long cycles, where LU fill stays small). Not
 * thread-safe: one instance per thread.
 */
final class SparseBlockSolver {

  private static final int RESTART = 60;
  private static final int MAX_ITERATIONS = 240;
  /** A GMRES solve is accepted when its true residual is below this multiple of the target. */
  private static final double ACCEPT = 100;

  private final SparseBlock block;
  private final double[] a;
  private final double[] ilu;
  private final int[] marker;
  private final double[][] basis;
  private final double[] h;
  private final double[] cs;
  private final double[] sn;
  private final double[] g;
  private final double[] work;
  private final double[] work2;
  private LinearSolverSparse<DMatrixSparseCSC, DMatrixRMaj> lu;
  private DMatrixRMaj luRhs;
  private DMatrixRMaj luX;
  private boolean useLu;

  SparseBlockSolver(SparseBlock block) {
    this.block = block;
    int m = block.size;
    a = new double[block.col.length];
    ilu = new double[block.col.length];
    marker = new int[m];
    java.util.Arrays.fill(marker, -1);
    basis = new double[RESTART + 1][m];
    h = new double[(RESTART + 1) * RESTART];
    cs = new double[RESTART];
    sn = new double[RESTART];
    g = new double[RESTART + 1];
    work = new double[m];
    work2 = new double[m];
  }

  /**
   * Loads I − γP_π restricted to the block and factors it: ILU(0), or the sparse LU when
   * {@code preferLu}. A GMRES failure switches to LU until the next call of this method.
   */
  void factor(double[] pv, double gamma, boolean preferLu) {
    int m = block.size;
    for (int i = 0; i < m; i++) {
      for (int e = block.rowPtr[i]; e < block.rowPtr[i + 1]; e++) {
        double p = block.slot[e] >= 0 ? pv[block.slot[e]] : 0.0;
        a[e] = (block.col[e] == i ? 1.0 : 0.0) - gamma * p;
      }
    }
    useLu = preferLu;
    if (useLu) {
      factorLu();
    } else {
      factorIlu();
    }
  }

  private void factorIlu() {
    System.arraycopy(a, 0, ilu, 0, a.length);
    int[] rp = block.rowPtr;
    int[] col = block.col;
    int[] diag = block.diag;
    for (int i = 0; i < block.size; i++) {
      for (int e = rp[i]; e < rp[i + 1]; e++) {
        marker[col[e]] = e;
      }
      for (int e = rp[i]; e < diag[i]; e++) {
        int k = col[e];
        double f = ilu[e] / ilu[diag[k]];
        ilu[e] = f;
        for (int kk = diag[k] + 1; kk < rp[k + 1]; kk++) {
          int pos = marker[col[kk]];
          if (pos >= 0) {
            ilu[pos] -= f * ilu[kk];
          }
        }
      }
      for (int e = rp[i]; e < rp[i + 1]; e++) {
        marker[col[e]] = -1;
      }
    }
  }

  private void factorLu() {
    int m = block.size;
    DMatrixSparseTriplet t = new DMatrixSparseTriplet(m, m, a.length);
    for (int i = 0; i < m; i++) {
      for (int e = block.rowPtr[i]; e < block.rowPtr[i + 1]; e++) {
        if (a[e] != 0) {
          t.addItem(i, block.col[e], a[e]);
        }
      }
    }
    DMatrixSparseCSC csc = DConvertMatrixStruct.convert(t, (DMatrixSparseCSC) null);
    lu = LinearSolverFactory_DSCC.lu(FillReducing.NONE);
    if (!lu.setA(csc)) {
      throw new IllegalStateException("sparse LU of a block of I - gamma P_pi failed");
    }
    luRhs = new DMatrixRMaj(m, 1);
    luX = new DMatrixRMaj(m, 1);
  }

  /**
   * Solves the block system for {@code rhs} into {@code x} (both local, length size). GMRES runs
   * until its root-mean-square residual is below {@code target}; the solution is kept if its
   * largest residual entry is below {@value #ACCEPT} × target, else the sparse LU takes over.
   */
  void solve(double[] rhs, double[] x, double target) {
    if (!useLu) {
      gmres(rhs, x, target * Math.sqrt(block.size));
      if (residualInf(rhs, x) <= ACCEPT * target) {
        return;
      }
      useLu = true;
      factorLu();
    }
    System.arraycopy(rhs, 0, luRhs.data, 0, block.size);
    lu.solve(luRhs, luX);
    System.arraycopy(luX.data, 0, x, 0, block.size);
  }

  private double residualInf(double[] rhs, double[] x) {
    multiply(x, work);
    double n = 0;
    for (int i = 0; i < block.size; i++) {
      n = Math.max(n, Math.abs(rhs[i] - work[i]));
    }
    return n;
  }

  private void multiply(double[] x, double[] out) {
    int[] rp = block.rowPtr;
    int[] col = block.col;
    for (int i = 0; i < block.size; i++) {
      double s = 0;
      for (int e = rp[i]; e < rp[i + 1]; e++) {
        s += a[e] * x[col[e]];
      }
      out[i] = s;
    }
  }

  /** Applies the ILU(0) preconditioner in place. */
  private void precondition(double[] v) {
    int[] rp = block.rowPtr;
    int[] col = block.col;
    int[] diag = block.diag;
    int m = block.size;
    for (int i = 0; i < m; i++) {
      double s = v[i];
      for (int e = rp[i]; e < diag[i]; e++) {
        s -= ilu[e] * v[col[e]];
      }
      v[i] = s;
    }
    for (int i = m - 1; i >= 0; i--) {
      double s = v[i];
      for (int e = diag[i] + 1; e < rp[i + 1]; e++) {
        s -= ilu[e] * v[col[e]];
      }
      v[i] = s / ilu[diag[i]];
    }
  }

  private void gmres(double[] rhs, double[] x, double tolerance) {
    int m = block.size;
    java.util.Arrays.fill(x, 0, m, 0.0);
    int iterations = 0;
    while (iterations < MAX_ITERATIONS) {
      multiply(x, work);
      double[] v0 = basis[0];
      for (int i = 0; i < m; i++) {
        v0[i] = rhs[i] - work[i];
      }
      double beta = norm2(v0, m);
      if (beta <= tolerance) {
        return;
      }
      for (int i = 0; i < m; i++) {
        v0[i] /= beta;
      }
      java.util.Arrays.fill(g, 0.0);
      g[0] = beta;
      int j = 0;
      for (; j < RESTART && iterations < MAX_ITERATIONS; j++, iterations++) {
        System.arraycopy(basis[j], 0, work2, 0, m);
        precondition(work2);
        double[] w = basis[j + 1];
        multiply(work2, w);
        for (int i = 0; i <= j; i++) {
          double d = dot(w, basis[i], m);
          h[i * RESTART + j] = d;
          double[] vi = basis[i];
          for (int k = 0; k < m; k++) {
            w[k] -= d * vi[k];
          }
        }
        double hn = norm2(w, m);
        h[(j + 1) * RESTART + j] = hn;
        if (hn != 0) {
          for (int k = 0; k < m; k++) {
            w[k] /= hn;
          }
        }
        for (int i = 0; i < j; i++) {
          double t1 = h[i * RESTART + j];
          double t2 = h[(i + 1) * RESTART + j];
          h[i * RESTART + j] = cs[i] * t1 + sn[i] * t2;
          h[(i + 1) * RESTART + j] = -sn[i] * t1 + cs[i] * t2;
        }
        double hjj = h[j * RESTART + j];
        double r = Math.hypot(hjj, hn);
        cs[j] = hjj / r;
        sn[j] = hn / r;
        h[j * RESTART + j] = r;
        h[(j + 1) * RESTART + j] = 0;
        g[j + 1] = -sn[j] * g[j];
        g[j] = cs[j] * g[j];
        if (Math.abs(g[j + 1]) <= tolerance || hn == 0) {
          j++;
          iterations++;
          break;
        }
      }
      // y = H⁻¹ g (upper triangular, size j); x += M⁻¹ (V y)
      for (int i = j - 1; i >= 0; i--) {
        double s = g[i];
        for (int k = i + 1; k < j; k++) {
          s -= h[i * RESTART + k] * g[k];
        }
        g[i] = s / h[i * RESTART + i];
      }
      java.util.Arrays.fill(work2, 0, m, 0.0);
      for (int i = 0; i < j; i++) {
        double yi = g[i];
        double[] vi = basis[i];
        for (int k = 0; k < m; k++) {
          work2[k] += yi * vi[k];
        }
      }
      precondition(work2);
      for (int k = 0; k < m; k++) {
        x[k] += work2[k];
      }
    }
  }

  private static double dot(double[] u, double[] v, int m) {
    double s = 0;
    for (int i = 0; i < m; i++) {
      s += u[i] * v[i];
    }
    return s;
  }

  private static double norm2(double[] v, int m) {
    return Math.sqrt(dot(v, v, m));
  }
}
