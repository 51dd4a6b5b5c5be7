package org.fednpg.api.model;

import org.fednpg.api.InvalidInputException;

/**
 * An estimate q(s, a) of a (soft) Q-function, S×A, immutable, with the number of simulated
 * transitions it consumed (0 for exact evaluation).
 */
public final class QEstimate {

  private final int states;
  private final int actions;
  private final double[] values;
  private final long samples;

  private QEstimate(int states, int actions, double[] values, long samples) {
    this.states = states;
    this.actions = actions;
    this.values = values;
    this.samples = samples;
  }

  /** An estimate from flat values (copied), row {@code s * actions + a}. */
  public static QEstimate of(int states, int actions, double[] flat, long samples) {
    if (flat.length != states * actions) {
      throw new InvalidInputException(
          "Q table has " + flat.length + " entries, expected " + states + "*" + actions);
    }
    if (samples < 0) {
      throw new IllegalArgumentException("samples must be >= 0, got " + samples);
    }
    return new QEstimate(states, actions, flat.clone(), samples);
  }

  public int states() {
    return states;
  }

  public int actions() {
    return actions;
  }

  public double value(int s, int a) {
    return values[s * actions + a];
  }

  public double value(int sa) {
    return values[sa];
  }

  /** Number of simulated transitions used to produce this estimate. */
  public long samples() {
    return samples;
  }

  public double[] toArray() {
    return values.clone();
  }

  public void copyInto(double[] out) {
    System.arraycopy(values, 0, out, 0, values.length);
  }

  @Override
  public String toString() {
    return "QEstimate[" + states + "x" + actions + ", " + samples + " samples]";
  }
}
