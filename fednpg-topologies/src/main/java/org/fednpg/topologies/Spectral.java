package org.fednpg.topologies;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.fednpg.api.model.MixingMatrix;

/**
 * Spectral summary of a symmetric mixing matrix (SPEC §2): σ = ‖W − 11ᵀ/N‖₂, computed as the largest
 * |eigenvalue| of the symmetric matrix W − 11ᵀ/N with EJML's symmetric eigen-decomposition; the
 * spectral gap 1 − σ; and a consensus-time estimate. For a doubly stochastic W, the disagreement
 * x − x̄1 of any vector contracts by at least σ per round, so ⌈ln(1/ε)/ln(1/σ)⌉ rounds shrink it by ε.
 */
public final class Spectral {

  /** The ε of {@link #consensusRounds(double)}: rounds to shrink disagreement a million-fold. */
  public static final double CONSENSUS_EPSILON = 1e-6;

  private Spectral() {}

  /** All eigenvalues of (W + Wᵀ)/2, ascending. */
  public static double[] eigenvalues(MixingMatrix w) {
    return symmetricEigenvalues(w, 0.0);
  }

  /** σ = ‖W − 11ᵀ/N‖₂ for symmetric W (W is symmetrised as (W + Wᵀ)/2 first). */
  public static double sigma(MixingMatrix w) {
    double[] ev = symmetricEigenvalues(w, 1.0 / w.size());
    double s = 0;
    for (double x : ev) {
      s = Math.max(s, Math.abs(x));
    }
    return s;
  }

  /** 1 − σ. */
  public static double spectralGap(double sigma) {
    return 1 - sigma;
  }

  /** ⌈ln(1/ε)/ln(1/σ)⌉ with ε = {@link #CONSENSUS_EPSILON}; see {@link #consensusRounds(double, double)}. */
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
