package org.fednpg.experiments.reproduce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.experiments.plots.Charts;
import org.fednpg.experiments.plots.Curve;

/** Reductions shared by several experiments: curve figures and iterations-to-tolerance tables. */
final class Figures {

  private Figures() {}

  /**
   * One figure of {@code metric} against iteration with a curve per value of {@code seriesKey}
   * (mean and min–max over the remaining sweep keys, i.e. seeds). Returns the Markdown link.
   */
  static String curves(List<Runs.Run> subset, String seriesKey, String seriesLabel,
      ToDoubleFunction<IterationMetrics> metric, String yLabel, boolean log, Path dir,
      String rel, String file, String title) {
    List<Curve> curves = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Runs.Run>> g
        : Runs.groupByWithin(subset, seriesKey).entrySet()) {
      curves.add(Runs.curve(seriesLabel + " = " + org.fednpg.experiments.spec.Sweeps.label(
          g.getKey().get(0)), g.getValue(), metric));
    }
    Charts.line(dir.resolve(file), title, "iteration", yLabel, log, curves);
    return Markdown.figure(title, rel + "/" + file);
  }

  /** Mean over runs of the iterations to reach gap ≤ tol; −1 if any run never reached it. */
  static double meanIterationsTo(List<Runs.Run> group, double tol) {
    double s = 0;
    for (Runs.Run r : group) {
      long k = Runs.iterationsTo(r.rows(), IterationMetrics::optimalityGap, tol);
      if (k < 0) {
        return -1;
      }
      s += k;
    }
    return s / group.size();
  }

  /** Text for a mean iteration count, or "> T". */
  static String itersText(double mean, int horizon) {
    return mean < 0 ? "> " + horizon : Markdown.num(mean);
  }

  /**
   * A table with rows = values of {@code rowKey}, columns = values of {@code colKey}, cells =
   * mean iterations to gap ≤ 1e-3 over the runs in that cell, and in brackets the mean final gap.
   */
  static String iterationsTable(Runs runs, String rowKey, String rowLabel, String colKey,
      String colLabel, int horizon) {
    List<Object> cols = new ArrayList<>();
    runs.groupBy(colKey).keySet().forEach(k -> cols.add(k.get(0)));
    List<String> header = new ArrayList<>(List.of(rowLabel));
    cols.forEach(c -> header.add(colLabel + " = " + org.fednpg.experiments.spec.Sweeps.label(c)));
    List<List<String>> rows = new ArrayList<>();
    for (List<Object> r : runs.groupBy(rowKey).keySet()) {
      List<String> row = new ArrayList<>(List.of(
          org.fednpg.experiments.spec.Sweeps.label(r.get(0))));
      for (Object c : cols) {
        List<Runs.Run> cell = runs.where(rowKey, r.get(0), colKey, c);
        row.add(cell.isEmpty() ? "—"
            : itersText(meanIterationsTo(cell, PaperExperiment.GAP_TOLERANCE), horizon) + " ("
                + Markdown.num(Runs.mean(cell, x -> Runs.last(x, IterationMetrics::optimalityGap)))
                + ")");
      }
      rows.add(row);
    }
    return Markdown.table(header, rows);
  }
}
