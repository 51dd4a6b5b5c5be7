package org.fednpg.topologies;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.fednpg.api.model.MixingMatrix;

/**
 * Spectral summary of a mixing matrix (SPEC §2): σ = ‖W − 11ᵀ/N‖₂, computed as the largest
 * <em>singular value</em> of W − 11ᵀ/N with EJML's SVD (W need not be symmetric; for symmetric W it
 * equals the largest |eigenvalue| of W − 11ᵀ/N); the spectral gap 1 − σ; the second-largest
 * eigenvalue modulus of W (what decides consensus for a row-stochastic W); and a consensus-time
 * estimate. For a doubly stochastic W, the disagreement x − x̄1 of any vector contracts by at least
 * σ per round (‖(W − 11ᵀ/N)(x − x̄1)‖ ≤ σ‖x − x̄1‖), so ⌈ln(1/ε)/ln(1/σ)⌉ rounds shrink it by ε.
 */
public final class Spectral {

  /** The ε of {@link #consensusRounds(double)}: rounds to shrink disagreement a million-fold. */
  public static final double CONSENSUS_EPSILON = 1e-6;

  private Spectral() {}

  /** All eigenvalues of (W + Wᵀ)/2, ascending. */
  public static double[] eigenvalues(MixingMatrix w) {
    return symmetricEigenvalues(w, 0.0);
  }

  /** σ = ‖W − 11ᵀ/N‖₂, the largest singular value of W − 11ᵀ/N (any square W). */
  public static double sigma(MixingMatrix w) {
    int n = w.size();
    DMatrixRMaj a = new DMatrixRMaj(n, n);
    double shift = 1.0 / n;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a.unsafe_set(i, j, w.weight(i, j) - shift);
      }
    }
    SingularValueDecomposition_F64<DMatrixRMaj> svd =
        DecompositionFactory_DDRM.svd(n, n, false, false, true);
    if (!svd.decompose(a)) {
      throw new IllegalStateException("singular value decomposition failed for " + w);
    }
    double s = 0;
    for (double x : svd.getSingularValues()) {
      s = Math.max(s, Math.abs(x));
    }
    return s;
  }

  /**
   * The largest modulus among W's eigenvalues after removing one eigenvalue 1 (the one closest to
   * 1): for a row-stochastic W, W^t converges to a rank-one 1πᵀ (consensus on a weighted average)
   * iff this is &lt; 1, and it is then the asymptotic rate of consensus. Computed with EJML's
   * general (non-symmetric) eigen-decomposition.
   */
  public static double secondEigenvalueModulus(MixingMatrix w) {
    int n = w.size();
    if (n == 1) {
      return 0;
    }
    DMatrixRMaj a = new DMatrixRMaj(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a.unsafe_set(i, j, w.weight(i, j));
      }
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, false);
    if (!eig.decompose(a)) {
      throw new IllegalStateException("eigen-decomposition failed for " + w);
    }
    int count = eig.getNumberOfEigenvalues();
    int one = 0;
    double closest = Double.POSITIVE_INFINITY;
    for (int i = 0; i < count; i++) {
      double d = Math.hypot(eig.getEigenvalue(i).real - 1, eig.getEigenvalue(i).imaginary);
      if (d < closest) {
        closest = d;
        one = i;
      }
    }
    double s = 0;
    for (int i = 0; i < count; i++) {
      if (i != one) {
        s = Math.max(s, eig.getEigenvalue(i).getMagnitude());
      }
    }
    return s;
  }

  /** Whether |W_nm − W_mn| ≤ {@code tolerance} for every pair. */
  public static boolean isSymmetric(MixingMatrix w, double tolerance) {
    for (int i = 0; i < w.size(); i++) {
      for (int j = i + 1; j < w.size(); j++) {
        if (Math.abs(w.weight(i, j) - w.weight(j, i)) > tolerance) {
          return false;
        }
      }
    }
    return true;
  }

  /** 1 − σ. */
  public static double spectralGap(double sigma) {
    return 1 - sigma;
  }

  /**
   * ⌈ln(1/ε)/ln(1/σ)⌉ with ε = {@link #CONSENSUS_EPSILON}; see {@link #consensusRounds(double,
   * double)}.
   */
  public static long consensusRounds(double sigma) {
    return consensusRounds(sigma, CONSENSUS_EPSILON);
  }

  /**
   * Rounds after which σ^t ≤ ε: ⌈ln(1/ε)/ln(1/σ)⌉; 1 when σ = 0 (one averaging round is exact);
   * {@link Long#MAX_VALUE} when σ ≥ 1 (no consensus).
   */
  public static long consensusRounds(double sigma, double epsilon) {
    if (!(epsilon > 0 && epsilon < 1)) {
      throw new IllegalArgumentException("epsilon must be in (0, 1), got " + epsilon);
    }
    if (sigma >= 1) {
      return Long.MAX_VALUE;
    }
    if (sigma <= 0) {
      return 1;
    }
    return Math.max(1, (long) Math.ceil(Math.log(1 / epsilon) / Math.log(1 / sigma)));
  }

  private static double[] symmetricEigenvalues(MixingMatrix w, double shift) {
    int n = w.size();
    DMatrixRMaj a = new DMatrixRMaj(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a.unsafe_set(i, j, 0.5 * (w.weight(i, j) + w.weight(j, i)) - shift);
      }
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false, true);
    if (!eig.decompose(a)) {
      throw new IllegalStateException("symmetric eigen-decomposition failed for " + w);
    }
    double[] ev = new double[eig.getNumberOfEigenvalues()];
    for (int i = 0; i < ev.length; i++) {
      ev[i] = eig.getEigenvalue(i).real;
    }
    Arrays.sort(ev);
    return ev;
  }
}
