package org.fednpg.experiments.reproduce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.experiments.results.MetricsCsv;
import org.fednpg.experiments.runner.CellResult;

/**
 * Plots any finished sweep folder: one curve per value of a sweep key, mean and min–max band over
 * the other keys (typically seeds). Cell values are read back from the folder names ({@code
 * key=value,key=value}).
 */
public final class SweepPlots {

  /** Metric columns that can be plotted, by their CSV name. */
  public static final Map<String, ToDoubleFunction<IterationMetrics>> METRICS = metrics();

  private SweepPlots() {}

  private static Map<String, ToDoubleFunction<IterationMetrics>> metrics() {
    Map<String, ToDoubleFunction<IterationMetrics>> m = new LinkedHashMap<>();
    m.put("optimality_gap", IterationMetrics::optimalityGap);
    m.put("q_error", IterationMetrics::qError);
    m.put("consensus", IterationMetrics::consensus);
    m.put("value", IterationMetrics::value);
    m.put("agent_value_min", IterationMetrics::agentValueMin);
    m.put("agent_value_mean", IterationMetrics::agentValueMean);
    m.put(MetricsCsv.HONEST_TRACKING_DRIFT, IterationMetrics::honestTrackingDrift);
    return m;
  }

  private static boolean isNumber(Object v) {
    try {
      Double.parseDouble(String.valueOf(v));
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * Draws {@code metric} against iteration into {@code out}.
   *
   * @param sweepDir a folder written by {@code fednpg run} for a spec with a sweep
   * @param metric a key of {@link #METRICS}
   * @param by the sweep key whose values become curves (null: the first key)
   * @param log logarithmic y axis (true), linear (false), or chosen from the data (null: log when
   *     the values span two or more decades)
   * @param out the PNG to write
   * @return the sweep key used
   */
  public static String plot(Path sweepDir, String metric, String by, Boolean log, Path out) {
    ToDoubleFunction<IterationMetrics> f = METRICS.get(metric);
    if (f == null) {
      throw new InvalidInputException(
          "unknown metric '" + metric + "'; available: " + String.join(", ", METRICS.keySet()));
    }
    List<CellResult> cells = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    try (Stream<Path> s = Files.list(sweepDir)) {
      for (Path d :
          s.filter(p -> Files.isRegularFile(p.resolve("manifest.json"))).sorted().toList()) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String part : d.getFileName().toString().split(",")) {
          int eq = part.indexOf('=');
          if (eq > 0) {
            values.put(part.substring(0, eq), part.substring(eq + 1));
            if (!keys.contains(part.substring(0, eq))) {
              keys.add(part.substring(0, eq));
            }
          }
        }
        cells.add(new CellResult(d.getFileName().toString(), values, d, null, Double.NaN, true));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + sweepDir, e);
    }
    if (cells.isEmpty() || keys.isEmpty()) {
      throw new InvalidInputException(
          sweepDir
              + ": no finished sweep cells (folders named "
              + "key=value,... with a manifest.json)");
    }
    String key = by != null ? by : keys.get(0);
    if (!keys.contains(key)) {
      throw new InvalidInputException(
          "sweep key '" + key + "' not in " + sweepDir + "; available: " + String.join(", ", keys));
    }
    if (cells.stream().allMatch(c -> isNumber(c.values().get(key)))) {
      cells.sort(
          java.util.Comparator.comparingDouble(
              c -> Double.parseDouble((String) c.values().get(key))));
    }
    Runs runs = new Runs(cells);
    Figures.curves(
        runs.all(),
        key,
        key,
        f,
        metric,
        log,
        out.toAbsolutePath().getParent(),
        ".",
        out.getFileName().toString(),
        metric + " by " + key + " — " + sweepDir.getFileName());
    return key;
  }
}
