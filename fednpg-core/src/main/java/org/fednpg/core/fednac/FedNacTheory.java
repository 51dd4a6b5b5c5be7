package org.fednpg.core.fednac;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fednpg.core.theory.SpectralNorm;

/**
 * The quantities of the paper's FedNAC theory (PAPER.md §3, Theorem E.10 / 4.4) for one run: C_φ =
 * max ‖φ(s,a)‖₂, μ = λ_min(E_ν[φφᵀ]) (Assumption 4.1), L_Q = 2C_φγ(1+γ)/(1−γ)², the critic steps β
 * = 1/(2C_φ) (the theorem's statement) and 1/(2C_φ²) (its proof), and the actor bound α₁ = (1−σ²)³
 * √((1−γ)μ) / (768√6 σ L_Q), undefined (null) when σ = 0.
 *
 * @param cPhi C_φ
 * @param mu μ
 * @param lq L_Q
 * @param alpha1 α₁, NaN when σ = 0
 */
record FedNacTheory(double cPhi, double mu, double lq, double alpha1) {

  /** Computes the theory's constants for features φ, weights ν (flat S×A), γ and σ. */
  static FedNacTheory of(FeatureMap features, double[] nu, double gamma, double sigma) {
    double c = cPhi(features);
    double mu = mu(features, nu);
    double lq = 2 * c * gamma * (1 + gamma) / ((1 - gamma) * (1 - gamma));
    double alpha1 =
        sigma == 0
            ? Double.NaN
            : Math.pow(1 - sigma * sigma, 3)
                * Math.sqrt((1 - gamma) * Math.max(mu, 0))
                / (768 * Math.sqrt(6) * sigma * lq);
    return new FedNacTheory(c, mu, lq, alpha1);
  }

  /** max over (s,a) of ‖φ(s,a)‖₂. */
  static double cPhi(FeatureMap features) {
    double max = 0;
    int rows = features.states() * features.actions();
    for (int sa = 0; sa < rows; sa++) {
      max = Math.max(max, features.squaredNorm(sa));
    }
    return Math.sqrt(max);
  }

  /** λ_min(Σ_sa ν(sa) φ(sa)φ(sa)ᵀ); one-hot features give the diagonal ν itself. */
  static double mu(FeatureMap features, double[] nu) {
    if (features instanceof OneHotFeatures) {
      double min = Double.POSITIVE_INFINITY;
      for (double v : nu) {
        min = Math.min(min, v);
      }
      return min;
    }
    int d = features.dimension();
    double[][] cov = new double[d][d];
    for (int sa = 0; sa < nu.length; sa++) {
      if (nu[sa] == 0) {
        continue;
      }
      double[] phi = features.phi(sa);
      for (int i = 0; i < d; i++) {
        for (int j = 0; j <= i; j++) {
          cov[i][j] += nu[sa] * phi[i] * phi[j];
        }
      }
    }
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < i; j++) {
        cov[j][i] = cov[i][j];
      }
    }
    double smallest = Double.POSITIVE_INFINITY;
    for (double lambda : SpectralNorm.symmetricEigenvalues(cov)) {
      smallest = Math.min(smallest, lambda);
    }
    return smallest;
  }

  /** β of the theorem's statement, 1/(2C_φ). */
  double betaStatement() {
    return 1 / (2 * cPhi);
  }

  /** β of the theorem's proof, 1/(2C_φ²). */
  double betaProof() {
    return 1 / (2 * cPhi * cPhi);
  }

  /** The manifest's {@code theory} entries (keys in a fixed order; null for an undefined α₁). */
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("c_phi", cPhi);
    m.put("mu", mu);
    m.put("l_q", lq);
    Map<String, Object> beta = new LinkedHashMap<>();
    beta.put("statement", betaStatement());
    beta.put("proof", betaProof());
    m.put("beta_theory", beta);
    m.put("alpha1", Double.isNaN(alpha1) ? null : alpha1);
    return m;
  }
}
