package org.fednpg.experiments.reproduce;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.experiments.plots.Curve;
import org.fednpg.experiments.results.ResultsReader;
import org.fednpg.experiments.runner.CellResult;
import org.fednpg.experiments.spec.Sweeps;

/**
 * The finished cells of one experiment with their rows and manifests, and the reductions the
 * analyses share: grouping by sweep values (averaging over seeds), iterations to a tolerance and
 * empirical linear rates.
 */
final class Runs {

  /**
   * One finished cell.
   *
   * @param entropyShare τ·H_γ(π_τ*)(ρ) / V_τ*(ρ) for τ &gt; 0 ({@link EntropyShare}), else NaN
   */
  record Run(CellResult cell, List<IterationMetrics> rows, JsonNode manifest, double entropyShare) {

    Object value(String key) {
      return cell.values().get(key);
    }

    String label(String key) {
      return Sweeps.label(value(key));
    }

    double sigma() {
      JsonNode s = manifest.get("sigma");
      return s == null || s.isNull() ? Double.NaN : s.asDouble();
    }
  }

  private final List<Run> runs = new ArrayList<>();

  Runs(List<CellResult> cells) {
    this(cells, c -> Double.NaN);
  }

  /** With the entropy share of each cell's V_τ* (NaN where not computed). */
  Runs(List<CellResult> cells, ToDoubleFunction<CellResult> entropyShare) {
    for (CellResult c : cells) {
      runs.add(
          new Run(
              c,
              ResultsReader.metrics(c.directory()),
              ResultsReader.manifest(c.directory()),
              entropyShare.applyAsDouble(c)));
    }
  }

  List<Run> all() {
    return runs;
  }

  /** Runs grouped by the values of {@code keys} (in first-seen order); other keys are seeds. */
  Map<List<Object>, List<Run>> groupBy(String... keys) {
    return groupByWithin(runs, keys);
  }

  /** Groups a subset of runs by the values of {@code keys}, in first-seen order. */
  static Map<List<Object>, List<Run>> groupByWithin(List<Run> subset, String... keys) {
    Map<List<Object>, List<Run>> groups = new LinkedHashMap<>();
    for (Run r : subset) {
      List<Object> k = new ArrayList<>();
      for (String key : keys) {
        k.add(r.value(key));
      }
      groups.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
    }
    return groups;
  }

  /** Runs whose sweep values match every given key/value pair. */
  List<Run> where(Object... keyValues) {
    List<Run> out = new ArrayList<>();
    for (Run r : runs) {
      boolean ok = true;
      for (int i = 0; i < keyValues.length; i += 2) {
        ok &=
            Objects.equals(
                String.valueOf(r.value((String) keyValues[i])), String.valueOf(keyValues[i + 1]));
      }
      if (ok) {
        out.add(r);
      }
    }
    return out;
  }

  /** Mean and min–max band of a metric over the given runs (aligned by row index). */
  static Curve curve(String label, List<Run> group, ToDoubleFunction<IterationMetrics> metric) {
    int n = Integer.MAX_VALUE;
    for (Run r : group) {
      n = Math.min(n, r.rows().size());
    }
    double[] x = new double[n];
    double[] mean = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = group.get(0).rows().get(i).iteration();
      lo[i] = Double.POSITIVE_INFINITY;
      hi[i] = Double.NEGATIVE_INFINITY;
      for (Run r : group) {
        double v = metric.applyAsDouble(r.rows().get(i));
        mean[i] += v / group.size();
        lo[i] = Math.min(lo[i], v);
        hi[i] = Math.max(hi[i], v);
      }
    }
    return new Curve(label, x, mean, lo, hi);
  }

  /**
   * "Iterations until the metric stays below {@code tol}": the first iteration t such that the
   * metric is ≤ tol at t and at every later row of the run, or −1 if the last row is above tol (did
   * not converge within the run). Unlike a first-hitting time, a curve that touches tol once and
   * rises again does not count as converged at the touch. NaN counts as above tol.
   */
  static long staysBelow(
      List<IterationMetrics> rows, ToDoubleFunction<IterationMetrics> metric, double tol) {
    long since = -1;
    for (int i = rows.size() - 1; i >= 0; i--) {
      double v = metric.applyAsDouble(rows.get(i));
      if (!(v <= tol)) {
        break;
      }
      since = rows.get(i).iteration();
    }
    return since;
  }

  /** First iteration at which {@code metric} ≤ tol, or −1 if never. */
  static long iterationsTo(
      List<IterationMetrics> rows, ToDoubleFunction<IterationMetrics> metric, double tol) {
    for (IterationMetrics m : rows) {
      if (metric.applyAsDouble(m) <= tol) {
        return m.iteration();
      }
    }
    return -1;
  }

  /**
   * Empirical linear rate ρ of a metric: exp of the least-squares slope of log(metric) against
   * iteration, over the rows where the metric lies in [{@code floor}, {@code ceiling}] (the
   * asymptotic regime above round-off). NaN with fewer than 5 such rows.
   */
  static double linearRate(
      List<IterationMetrics> rows,
      ToDoubleFunction<IterationMetrics> metric,
      double floor,
      double ceiling) {
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    int n = 0;
    for (IterationMetrics m : rows) {
      double v = metric.applyAsDouble(m);
      if (v >= floor && v <= ceiling) {
        double x = m.iteration();
        double y = Math.log(v);
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
        n++;
      }
    }
    if (n < 5) {
      return Double.NaN;
    }
    double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    return Math.exp(slope);
  }

  /** The last row's value of a metric. */
  static double last(Run r, ToDoubleFunction<IterationMetrics> metric) {
    return metric.applyAsDouble(r.rows().get(r.rows().size() - 1));
  }

  /** Mean of a per-run number over runs. */
  static double mean(List<Run> group, ToDoubleFunction<Run> f) {
    double s = 0;
    for (Run r : group) {
      s += f.applyAsDouble(r);
    }
    return s / group.size();
  }

  /** Mean, smallest and largest of a per-run statistic over a group of runs. */
  record Spread(double mean, double min, double max) {}

  /** {@link Spread} of {@code f} over {@code group} (the mean summed in group order). */
  static Spread spread(List<Run> group, ToDoubleFunction<Run> f) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Run r : group) {
      double v = f.applyAsDouble(r);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return new Spread(mean(group, f), min, max);
  }

  /** {@link Spread} of the final |optimality gap| over a group of runs. */
  static Spread finalGapSpread(List<Run> group) {
    return spread(group, r -> Math.abs(last(r, IterationMetrics::optimalityGap)));
  }
}
