package org.fednpg.core.fednac;

import org.fednpg.api.InvalidInputException;

/**
 * Least-squares projection onto the span of the features with uniform weights over (s, a): w =
 * argmin Σ_sa (φ(sa)ᵀw − y(sa))², the population version of what the sampled critics minimise (they
 * draw (s, a) uniformly). The Gram matrix Σ φφᵀ is fixed, so it is factorised once (Cholesky);
 * one-hot features project to the target itself.
 */
public final class UniformProjection {

  /** Relative pivot below which Gram columns count as linearly dependent. */
  static final double RANK_TOLERANCE = 1e-12;

  private final FeatureMap features;
  private final double[][] cholesky;

  /**
   * @param features the map; {@code name} labels errors
   * @throws InvalidInputException when the d feature columns are linearly dependent over S×A
   */
  public UniformProjection(FeatureMap features, String name) {
    this.features = features;
    if (features instanceof OneHotFeatures) {
      this.cholesky = null;
      return;
    }
    int d = features.dimension();
    int rows = features.states() * features.actions();
    if (d > rows) {
      throw new InvalidInputException(
          "features '"
              + name
              + "' have d = "
              + d
              + " > |S|*|A| = "
              + rows
              + "; at most |S|*|A| features can be linearly independent");
    }
    double[][] g = new double[d][d];
    for (int sa = 0; sa < rows; sa++) {
      double[] phi = features.phi(sa);
      for (int i = 0; i < d; i++) {
        for (int j = 0; j <= i; j++) {
          g[i][j] += phi[i] * phi[j];
        }
      }
    }
    double maxDiag = 0;
    for (int i = 0; i < d; i++) {
      maxDiag = Math.max(maxDiag, g[i][i]);
    }
    for (int j = 0; j < d; j++) {
      double diag = g[j][j];
      for (int k = 0; k < j; k++) {
        diag -= g[j][k] * g[j][k];
      }
      if (!(diag > RANK_TOLERANCE * maxDiag)) {
        throw new InvalidInputException(
            "features '"
                + name
                + "': feature column "
                + j
                + " is (numerically) a linear combination of columns 0.."
                + (j - 1)
                + " over the |S|*|A| state-actions; give linearly independent features");
      }
      g[j][j] = Math.sqrt(diag);
      for (int i = j + 1; i < d; i++) {
        double v = g[i][j];
        for (int k = 0; k < j; k++) {
          v -= g[i][k] * g[j][k];
        }
        g[i][j] = v / g[j][j];
      }
    }
    this.cholesky = g;
  }

  /** The weights of the projection of {@code target} (flat S×A). */
  public double[] fit(double[] target) {
    if (cholesky == null) {
      return target.clone();
    }
    int d = features.dimension();
    double[] b = new double[d];
    for (int sa = 0; sa < target.length; sa++) {
      features.addTo(sa, target[sa], b);
    }
    for (int i = 0; i < d; i++) {
      double v = b[i];
      for (int k = 0; k < i; k++) {
        v -= cholesky[i][k] * b[k];
      }
      b[i] = v / cholesky[i][i];
    }
    for (int i = d - 1; i >= 0; i--) {
      double v = b[i];
      for (int k = i + 1; k < d; k++) {
        v -= cholesky[k][i] * b[k];
      }
      b[i] = v / cholesky[i][i];
    }
    return b;
  }

  /** The residual φᵀw − target of the projection (flat S×A). */
  public double[] residual(double[] target) {
    double[] w = fit(target);
    double[] r = new double[target.length];
    for (int sa = 0; sa < r.length; sa++) {
      r[sa] = features.dot(sa, w) - target[sa];
    }
    return r;
  }
}
