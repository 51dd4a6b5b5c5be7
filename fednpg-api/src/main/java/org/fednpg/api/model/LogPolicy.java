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

  /**
   * π per entry: from the normalisation, or exp(logp) filled on first use. A plain field holding an
   * object with a final array: a racing reader sees either null or the complete table (final field
   * semantics), and the hot loops of evaluators can keep the load out of their loops.
   */
  private Table probabilities;

  /** An immutable-after-construction array, safely published through its final field. */
  private static final class Table {
    final double[] values;

    Table(double[] values) {
      this.values = values;
    }
  }

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
    double[] p = new double[x.length];
    boolean finite = true;
    for (int from = 0; from < x.length; from += actions) {
      int to = from + actions;
      // the arithmetic of LogSumExp.normalizeRows, keeping exp(x - max) / Σ as π on the way
      double max = Double.NEGATIVE_INFINITY;
      for (int i = from; i < to; i++) {
        if (x[i] > max) {
          max = x[i];
        }
      }
      if (max == Double.NEGATIVE_INFINITY) {
        finite = false;
        LogSumExp.normalizeRow(x, from, to);
        continue;
      }
      double sum = 0;
      for (int i = from; i < to; i++) {
        double e = x[i] == max ? 1.0 : Math.exp(x[i] - max);
        p[i] = e;
        sum += e;
      }
      double lse = max + Math.log(sum);
      for (int i = from; i < to; i++) {
        x[i] -= lse;
        p[i] /= sum;
      }
    }
    LogPolicy policy = new LogPolicy(states, actions, x);
    if (finite) {
      policy.probabilities = new Table(p);
    }
    return policy;
  }

  /**
   * A policy from log-probabilities that are already normalised (e.g. restored from a checkpoint),
   * copied bit for bit; each state's probabilities must sum to 1 within 1e-9.
   */
  public static LogPolicy ofNormalized(int states, int actions, double[] logProbabilities) {
    if (logProbabilities.length != states * actions) {
      throw new InvalidInputException(
          "policy table has "
              + logProbabilities.length
              + " entries, expected "
              + states
              + "*"
              + actions);
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
   * π at flat index {@code s * actions + a}, from a table computed once per policy, so evaluating
   * one policy several times (own reward, metrics) pays for the exponentials once. For a policy
   * made by {@link #fromLogits} it is exp(x − max)/Σ from the normalisation itself (within a few
   * ulps of exp(log π), and no extra exponentials); otherwise exp(log π), filled on first use.
   */
  public double probability(int sa) {
    Table t = probabilities;
    if (t == null) {
      double[] p = new double[logp.length];
      for (int i = 0; i < p.length; i++) {
        p[i] = Math.exp(logp[i]);
      }
      t = new Table(p);
      probabilities = t;
    }
    return t.values[sa];
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
