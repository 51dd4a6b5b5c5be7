package org.fednpg.core.fednac;

/** Tabular features: φ(s, a) = e_{s·|A|+a}, d = |S||A|; FedNAC with these is tabular FedNPG. */
public final class OneHotFeatures implements FeatureMap {

  private final int states;
  private final int actions;

  public OneHotFeatures(int states, int actions) {
    this.states = states;
    this.actions = actions;
  }

  @Override
  public int states() {
    return states;
  }

  @Override
  public int actions() {
    return actions;
  }

  @Override
  public int dimension() {
    return states * actions;
  }

  @Override
  public double get(int sa, int k) {
    return sa == k ? 1.0 : 0.0;
  }

  @Override
  public double dot(int sa, double[] w) {
    return w[sa];
  }

  @Override
  public void addTo(int sa, double c, double[] acc) {
    acc[sa] += c;
  }

  @Override
  public double squaredNorm(int sa) {
    return 1.0;
  }

  @Override
  public double[] logits(double[] theta) {
    return theta.clone();
  }
}
