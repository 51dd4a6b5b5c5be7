package org.fednpg.api.model;

import java.util.Arrays;
import org.fednpg.api.InvalidInputException;

/**
 * A tabular softmax policy stored as normalised log-probabilities log π(a|s), S×A, immutable.
 * Storing logs keeps tiny probabilities exact and makes the geometric mixing of FedNPG linear.
 */
public final class LogPolicy {

  private final int states;
  private final int actions;
  private final double[] logp;
  /** exp(logp), filled on the first call of {@link #probability(int)}. */
  private volatile double[] probabilities;

  private LogPolicy(int states, int actions, double[] logp) {
    this.states = states;
    this.actions = actions;
    this.logp = logp;
  }

  /** The uniform policy. */
  public static LogPolicy uniform(int states, int actions) {
    double[] x = new double[states * actions];
    Arrays.fill(x, -Math.log(actions));
    return new LogPolicy(states, actions, x);
  }

  /** The softmax of the given logits (copied, then normalised per state). */
  public static LogPolicy fromLogits(int states, int actions, double[] logits) {
    if (logits.length != states * actions) {
      throw new InvalidInputException(
          "policy table has " + logits.length + " entries, expected " + states + "*" + actions);
    }
    double[] x = logits.clone();
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(x[i]) || x[i] == Double.POSITIVE_INFINITY) {
        throw new InvalidInputException("policy logit " + i + " is " + x[i]);
      }
    }
    LogSumExp.normalizeRows(x, actions);
    return new LogPolicy(states, actions, x);
  }

  /**
   * A policy from log-probabilities that are already normalised (e.g. restored from a
   * checkpoint), copied bit for bit; each state's probabilities must sum to 1 within 1e-9.
   */
  public static LogPolicy ofNormalized(int states, int actions, double[] logProbabilities) {
    if (logProbabilities.length != states * actions) {
      throw new InvalidInputException("policy table has " + logProbabilities.length
          + " entries, expected " + states + "*" + actions);
    }
    for (int s = 0; s < states; s++) {
      double sum = 0;
      for (int a = 0; a < actions; a++) {
        sum += Math.exp(logProbabilities[s * actions + a]);
      }
      if (!(Math.abs(sum - 1) <= 1e-9)) {
        throw new InvalidInputException("policy probabilities of state " + s + " sum to " + sum);
      }
    }
    return new LogPolicy(states, actions, logProbabilities.clone());
  }

  public int states() {
    return states;
  }

  public int actions() {
    return actions;
  }

  /** log π(a|s). */
  public double logProbability(int s, int a) {
    return logp[s * actions + a];
  }

  /** log π at flat index {@code s * actions + a}. */
  public double logProbability(int sa) {
    return logp[sa];
  }

  /** π(a|s). */
  public double probability(int s, int a) {
    return Math.exp(logp[s * actions + a]);
  }

  /**
   * π at flat index {@code s * actions + a}: the same number as {@code Math.exp} of the
   * log-probability, from a table computed once per policy on first use, so evaluating one
   * policy several times (own reward, metrics) pays for the exponentials once.
   */
  public double probability(int sa) {
    double[] p = probabilities;
    if (p == null) {
      p = new double[logp.length];
      for (int i = 0; i < p.length; i++) {
        p[i] = Math.exp(logp[i]);
      }
      probabilities = p;
    }
    return p[sa];
  }

  /** The flat table of log-probabilities (a copy). */
  public double[] toArray() {
    return logp.clone();
  }

  public void copyInto(double[] out) {
    System.arraycopy(logp, 0, out, 0, logp.length);
  }

  /** The most probable action in state s (lowest index on ties). */
  public int greedyAction(int s) {
    int best = 0;
    for (int a = 1; a < actions; a++) {
      if (logp[s * actions + a] > logp[s * actions + best]) {
        best = a;
      }
    }
    return best;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogPolicy p
        && states == p.states
        && actions == p.actions
        && Arrays.equals(logp, p.logp);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(logp);
  }

  @Override
  public String toString() {
    return "LogPolicy[" + states + "x" + actions + "]";
  }
}
