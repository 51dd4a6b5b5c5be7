package org.fednpg.core.fednac;

/** A feature table stored densely, row {@code sa}, d numbers per row. */
final class DenseFeatures implements FeatureMap {

  private final int states;
  private final int actions;
  private final int dimension;
  private final double[] table;

  /** Takes ownership of {@code table} (length S·A·d, row-major by sa). */
  DenseFeatures(int states, int actions, int dimension, double[] table) {
    if (table.length != (long) states * actions * dimension) {
      throw new IllegalArgumentException(
          "feature table has "
              + table.length
              + " entries, expected "
              + states
              + "*"
              + actions
              + "*"
              + dimension);
    }
    this.states = states;
    this.actions = actions;
    this.dimension = dimension;
    this.table = table;
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
    return dimension;
  }

  @Override
  public double get(int sa, int k) {
    return table[sa * dimension + k];
  }

  @Override
  public double dot(int sa, double[] w) {
    int base = sa * dimension;
    double sum = 0;
    for (int k = 0; k < dimension; k++) {
      sum += table[base + k] * w[k];
    }
    return sum;
  }

  @Override
  public void addTo(int sa, double c, double[] acc) {
    int base = sa * dimension;
    for (int k = 0; k < dimension; k++) {
      acc[k] += c * table[base + k];
    }
  }
}
