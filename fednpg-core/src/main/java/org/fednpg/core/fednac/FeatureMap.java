package org.fednpg.core.fednac;

/**
 * Features φ(s, a) ∈ R^d of a log-linear policy and a linear critic, indexed by the flat
 * state-action {@code sa = s * actions + a}. Immutable and safe to share between agents and
 * threads; the defaults are dense, implementations with structure (one-hot) override them.
 */
public interface FeatureMap {

  /** Number of states |S|. */
  int states();

  /** Number of actions |A|. */
  int actions();

  /** Feature dimension d. */
  int dimension();

  /** φ_k(sa). */
  double get(int sa, int k);

  /** φ(sa) as a fresh array of length d. */
  default double[] phi(int sa) {
    double[] row = new double[dimension()];
    for (int k = 0; k < row.length; k++) {
      row[k] = get(sa, k);
    }
    return row;
  }

  /** φ(sa)ᵀw. */
  default double dot(int sa, double[] w) {
    double sum = 0;
    for (int k = 0; k < w.length; k++) {
      sum += get(sa, k) * w[k];
    }
    return sum;
  }

  /** acc += c · φ(sa). */
  default void addTo(int sa, double c, double[] acc) {
    for (int k = 0; k < acc.length; k++) {
      acc[k] += c * get(sa, k);
    }
  }

  /** ‖φ(sa)‖². */
  default double squaredNorm(int sa) {
    double sum = 0;
    for (int k = 0; k < dimension(); k++) {
      double v = get(sa, k);
      sum += v * v;
    }
    return sum;
  }

  /** The log-linear policy's logits φ(sa)ᵀθ for every sa (flat S×A). */
  default double[] logits(double[] theta) {
    double[] out = new double[states() * actions()];
    for (int sa = 0; sa < out.length; sa++) {
      out[sa] = dot(sa, theta);
    }
    return out;
  }
}
