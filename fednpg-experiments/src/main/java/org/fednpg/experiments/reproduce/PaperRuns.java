package org.fednpg.experiments.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.experiments.plots.Curve;

/**
 * Reductions of the paper experiments: the paper's normalised gap (V_τ* − V̄_τ^(t))/V_τ* and
 * "iterations until it stays below ε" ({@link Runs#staysBelow}), shared by the four figures.
 */
final class PaperRuns {

  /**
   * ε of "converged": the normalised gap stays ≤ 1e-3 from some iteration to the end of the run
   * (our choice; the paper reads convergence off its plots).
   */
  static final double EPSILON = 1e-3;

  /** "A few iterations" (our threshold for the paper's Figure 2 wording). */
  static final int FEW = 50;

  /** "Almost the same speed": iterations to ε within this factor of each other (our choice). */
  static final double SAME_SPEED_FACTOR = 2.0;

  private PaperRuns() {}

  /** V_τ*(ρ) of a run (from its manifest), NaN without. */
  static double optimum(Runs.Run r) {
    JsonNode v = r.manifest().get("optimal_value");
    return v == null || v.isNull() ? Double.NaN : v.asDouble();
  }

  /** An environment parameter of a run's resolved spec (e.g. {@code size}, {@code agents}). */
  static String environment(Runs.Run r, String key) {
    JsonNode spec = r.manifest().path("spec").path("environment").path(key);
    return spec.isMissingNode() || spec.isNull() ? "?" : spec.asText();
  }

  /** The normalised gap of one run, as a metric of its rows. */
  static ToDoubleFunction<IterationMetrics> normalisedGap(Runs.Run r) {
    double opt = optimum(r);
    return m -> m.optimalityGap() / opt;
  }

  /** Iterations until the normalised gap stays ≤ ε, or −1 (not settled within the run). */
  static long settle(Runs.Run r) {
    return Runs.staysBelow(r.rows(), normalisedGap(r), EPSILON);
  }

  /**
   * The mean over runs of {@link #settle}, or −1 if any run did not settle (so "not settled" never
   * averages into a number).
   */
  static double meanSettle(List<Runs.Run> group) {
    double s = 0;
    for (Runs.Run r : group) {
      long k = settle(r);
      if (k < 0) {
        return -1;
      }
      s += k;
    }
    return s / group.size();
  }

  /** Text of a settle count: the number or "not settled in T". */
  static String settleText(double k, int horizon) {
    return k < 0 ? "not settled in " + horizon : Markdown.num(k);
  }

  /** Text of a spread: the ratio, or "∞ (a cell did not settle)". */
  static String spreadText(double spread) {
    return Double.isInfinite(spread) ? "∞ (a cell did not settle)" : Markdown.num(spread);
  }

  /** Mean final normalised gap. */
  static double finalGap(List<Runs.Run> group) {
    return Runs.mean(group, r -> Runs.last(r, normalisedGap(r)));
  }

  /** Mean curve of the normalised gap over a group (seeds). */
  static Curve gapCurve(String label, List<Runs.Run> group) {
    List<Curve> each = new ArrayList<>();
    for (Runs.Run r : group) {
      each.add(Runs.curve(label, List.of(r), normalisedGap(r)));
    }
    return average(label, each);
  }

  private static Curve average(String label, List<Curve> each) {
    int n = Integer.MAX_VALUE;
    for (Curve c : each) {
      n = Math.min(n, c.x().length);
    }
    double[] x = java.util.Arrays.copyOf(each.get(0).x(), n);
    double[] mean = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
    for (Curve c : each) {
      for (int i = 0; i < n; i++) {
        mean[i] += c.mean()[i] / each.size();
        lo[i] = Math.min(lo[i], c.mean()[i]);
        hi[i] = Math.max(hi[i], c.mean()[i]);
      }
    }
    return each.size() > 1 ? new Curve(label, x, mean, lo, hi) : Curve.single(label, x, mean);
  }

  /**
   * Compares consecutive values of an ordered list: +1 where the later is larger, −1 smaller, 0
   * tied (both "not settled" count as tied; "not settled", −1, counts as infinitely many).
   */
  static int[] steps(List<Double> settles) {
    int[] out = new int[Math.max(0, settles.size() - 1)];
    for (int i = 0; i + 1 < settles.size(); i++) {
      double a = settles.get(i) < 0 ? Double.POSITIVE_INFINITY : settles.get(i);
      double b = settles.get(i + 1) < 0 ? Double.POSITIVE_INFINITY : settles.get(i + 1);
      out[i] = a == b ? 0 : b > a ? 1 : -1;
    }
    return out;
  }

  /** Ratio max/min of settle counts (∞ if any did not settle; counts of 0 count as 1). */
  static double spread(List<Double> settles) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (double s : settles) {
      if (s < 0) {
        return Double.POSITIVE_INFINITY;
      }
      lo = Math.min(lo, Math.max(1, s));
      hi = Math.max(hi, Math.max(1, s));
    }
    return hi / lo;
  }

  /** Rows = values of rowKey, columns = values of colKey, cells = mean settle (final gap). */
  static String settleTable(
      Runs runs, String rowKey, String rowLabel, String colKey, String colLabel, int iterations) {
    return Figures.crossTable(
        runs,
        rowKey,
        rowLabel,
        colKey,
        colLabel,
        cell ->
            settleText(meanSettle(cell), iterations) + " (" + Markdown.num(finalGap(cell)) + ")");
  }
}
