package org.fednpg.api.model;

/** Overflow-free log-sum-exp and per-state normalisation of log-policy tables. */
public final class LogSumExp {

  private LogSumExp() {}

  /** log Σ_{i in [from, to)} exp(x[i]), never overflowing; −∞ for an all −∞ range. */
  public static double of(double[] x, int from, int to) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = from; i < to; i++) {
      if (x[i] > max) {
        max = x[i];
      }
    }
    if (max == Double.NEGATIVE_INFINITY || max == Double.POSITIVE_INFINITY) {
      return max;
    }
    double sum = 0;
    for (int i = from; i < to; i++) {
      // exp(0) is exactly 1: skipping the call for the maximum changes no bit of the result
      sum += x[i] == max ? 1.0 : Math.exp(x[i] - max);
    }
    return max + Math.log(sum);
  }

  /**
   * Normalises each row of an S×A table of logits in place so that Σ_a exp(x[s,a]) = 1.
   *
   * @param x flat table, row {@code s * actions + a}
   * @param actions row length
   */
  public static void normalizeRows(double[] x, int actions) {
    for (int from = 0; from < x.length; from += actions) {
      normalizeRow(x, from, from + actions);
    }
  }

  /** Normalises the one row x[from, to) in place so that Σ exp(x[i]) = 1. */
  static void normalizeRow(double[] x, int from, int to) {
    double lse = of(x, from, to);
    for (int i = from; i < to; i++) {
      x[i] -= lse;
    }
  }
}
