package org.fednpg.api.model;

import java.util.Arrays;
import java.util.List;
import org.fednpg.api.InvalidInputException;

/** One agent's reward r(s, a), an immutable S×A table of finite values. */
public final class RewardTable {

  private final int states;
  private final int actions;
  private final double[] values;

  private RewardTable(int states, int actions, double[] values) {
    this.states = states;
    this.actions = actions;
    this.values = values;
  }

  /**
   * A table from flat values, row {@code s * actions + a}; copies the array.
   *
   * @throws InvalidInputException on a shape mismatch or a non-finite entry
   */
  public static RewardTable of(int states, int actions, double[] flat) {
    if (flat.length != states * actions) {
      throw new InvalidInputException(
          "reward table has " + flat.length + " entries, expected " + states + "*" + actions);
    }
    for (int i = 0; i < flat.length; i++) {
      if (!Double.isFinite(flat[i])) {
        throw new InvalidInputException(
            "reward (state "
                + i / actions
                + ", action "
                + i % actions
                + ") must be finite, got "
                + flat[i]);
      }
    }
    return new RewardTable(states, actions, flat.clone());
  }

  /** The entrywise mean of several tables of one shape (the averaged reward r̄). */
  public static RewardTable average(List<RewardTable> tables) {
    if (tables.isEmpty()) {
      throw new IllegalArgumentException("no reward tables to average");
    }
    RewardTable first = tables.get(0);
    double[] sum = new double[first.values.length];
    for (RewardTable t : tables) {
      if (t.states != first.states || t.actions != first.actions) {
        throw new InvalidInputException("reward tables differ in shape");
      }
      for (int i = 0; i < sum.length; i++) {
        sum[i] += t.values[i];
      }
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] /= tables.size();
    }
    return new RewardTable(first.states, first.actions, sum);
  }

  public int states() {
    return states;
  }

  public int actions() {
    return actions;
  }

  public double get(int s, int a) {
    return values[s * actions + a];
  }

  /** Entry {@code sa = s * actions + a}. */
  public double get(int sa) {
    return values[sa];
  }

  public double[] toArray() {
    return values.clone();
  }

  /** Copies the values into {@code out}. */
  public void copyInto(double[] out) {
    System.arraycopy(values, 0, out, 0, values.length);
  }

  public double min() {
    return Arrays.stream(values).min().orElse(0);
  }

  public double max() {
    return Arrays.stream(values).max().orElse(0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RewardTable r
        && states == r.states
        && actions == r.actions
        && Arrays.equals(values, r.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "RewardTable[" + states + "x" + actions + ", range " + min() + ".." + max() + "]";
  }
}
