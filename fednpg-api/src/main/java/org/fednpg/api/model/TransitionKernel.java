package org.fednpg.api.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.fednpg.api.InvalidInputException;

/**
 * The shared transition kernel P(s'|s,a), stored sparse: for each row {@code sa = s * actions + a}
 * the next states (ascending) and their probabilities. Immutable; build with {@link #builder}.
 * Every row holds at least one entry and sums to 1 within {@link #ROW_SUM_TOLERANCE}.
 */
public final class TransitionKernel {

  /** Allowed deviation of a row's probability sum from 1 (SPEC §7). */
  public static final double ROW_SUM_TOLERANCE = 1e-9;

  private final int states;
  private final int actions;
  private final int[] rowStart;
  private final int[] next;
  private final double[] probability;

  private TransitionKernel(int states, int actions, int[] rowStart, int[] next, double[] prob) {
    this.states = states;
    this.actions = actions;
    this.rowStart = rowStart;
    this.next = next;
    this.probability = prob;
  }

  /** A builder for a kernel over {@code states} states and {@code actions} actions. */
  public static Builder builder(int states, int actions) {
    return new Builder(states, actions);
  }

  public int states() {
    return states;
  }

  public int actions() {
    return actions;
  }

  /** Number of stored (s, a, s') entries. */
  public int nonZeros() {
    return next.length;
  }

  /** First entry index of row (s, a). */
  public int rowStart(int s, int a) {
    return rowStart[s * actions + a];
  }

  /** One past the last entry index of row (s, a). */
  public int rowEnd(int s, int a) {
    return rowStart[s * actions + a + 1];
  }

  /** Next state of entry {@code k}. */
  public int next(int k) {
    return next[k];
  }

  /** Probability of entry {@code k}. */
  public double probability(int k) {
    return probability[k];
  }

  /** P(s'|s,a), 0 when not stored. */
  public double probability(int s, int a, int sNext) {
    int lo = rowStart(s, a);
    int hi = rowEnd(s, a);
    int k = Arrays.binarySearch(next, lo, hi, sNext);
    return k >= 0 ? probability[k] : 0.0;
  }

  /** Copy of the CSR row pointer (length states*actions+1). */
  public int[] rowPointerCopy() {
    return rowStart.clone();
  }

  /** Copy of the next-state column of all entries. */
  public int[] nextStatesCopy() {
    return next.clone();
  }

  /** Copy of the probability column of all entries. */
  public double[] probabilitiesCopy() {
    return probability.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TransitionKernel k
        && states == k.states
        && actions == k.actions
        && Arrays.equals(rowStart, k.rowStart)
        && Arrays.equals(next, k.next)
        && Arrays.equals(probability, k.probability);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(next) + Arrays.hashCode(probability);
  }

  @Override
  public String toString() {
    return "TransitionKernel["
        + states
        + " states, "
        + actions
        + " actions, "
        + nonZeros()
        + " entries]";
  }

  /** Collects entries; duplicates of the same (s, a, s') add up. Not thread-safe. */
  public static final class Builder {
    private final int states;
    private final int actions;
    private final List<TreeMap<Integer, Double>> rows;

    private Builder(int states, int actions) {
      if (states < 1) {
        throw new InvalidInputException("states must be >= 1, got " + states);
      }
      if (actions < 1) {
        throw new InvalidInputException("actions must be >= 1, got " + actions);
      }
      if ((long) states * actions > Integer.MAX_VALUE - 1) {
        throw new InvalidInputException("states*actions too large: " + states + "*" + actions);
      }
      this.states = states;
      this.actions = actions;
      this.rows = new ArrayList<>(Collections.nCopies(states * actions, null));
    }

    /** Adds p to P(sNext | s, a). */
    public Builder add(int s, int a, int sNext, double p) {
      checkIndex("state", s, states);
      checkIndex("action", a, actions);
      checkIndex("next state", sNext, states);
      if (!Double.isFinite(p) || p < 0) {
        throw new InvalidInputException(
            "transition ("
                + s
                + ", "
                + a
                + ", "
                + sNext
                + "): probability must be finite and >= 0,"
                + " got "
                + p);
      }
      int row = s * actions + a;
      TreeMap<Integer, Double> entries = rows.get(row);
      if (entries == null) {
        entries = new TreeMap<>();
        rows.set(row, entries);
      }
      entries.merge(sNext, p, Double::sum);
      return this;
    }

    private static void checkIndex(String what, int i, int n) {
      if (i < 0 || i >= n) {
        throw new InvalidInputException(
            what + " index " + i + " out of range [0, " + (n - 1) + "]");
      }
    }

    /**
     * Validates and freezes the kernel. Zero-probability entries are dropped.
     *
     * @throws InvalidInputException naming the first (s, a) whose row is empty or does not sum to 1
     */
    public TransitionKernel build() {
      int[] rowStart = new int[rows.size() + 1];
      int nnz = 0;
      for (int row = 0; row < rows.size(); row++) {
        int s = row / actions;
        int a = row % actions;
        if (rows.get(row) == null) {
          throw new InvalidInputException(
              "transitions for (state "
                  + s
                  + ", action "
                  + a
                  + ") are missing; each row must sum to 1");
        }
        double sum = 0;
        int count = 0;
        for (Map.Entry<Integer, Double> e : rows.get(row).entrySet()) {
          sum += e.getValue();
          if (e.getValue() > 0) {
            count++;
          }
        }
        if (Math.abs(sum - 1.0) > ROW_SUM_TOLERANCE) {
          throw new InvalidInputException(
              "transitions for (state "
                  + s
                  + ", action "
                  + a
                  + ") sum to "
                  + sum
                  + ", expected 1 (±"
                  + ROW_SUM_TOLERANCE
                  + ")");
        }
        rowStart[row] = nnz;
        nnz += count;
      }
      rowStart[rows.size()] = nnz;
      int[] next = new int[nnz];
      double[] prob = new double[nnz];
      int k = 0;
      for (TreeMap<Integer, Double> row : rows) {
        for (Map.Entry<Integer, Double> e : row.entrySet()) {
          if (e.getValue() > 0) {
            next[k] = e.getKey();
            prob[k] = e.getValue();
            k++;
          }
        }
      }
      return new TransitionKernel(states, actions, rowStart, next, prob);
    }
  }
}
