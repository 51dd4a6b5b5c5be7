package org.fednpg.experiments.reproduce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.experiments.plots.Curve;
import org.fednpg.experiments.plots.PaperCharts;
import org.fednpg.experiments.spec.Sweeps;

/**
 * One of the paper's own experiments (Appendix H, PAPER.md §4), run with the paper's settings on
 * the paper's standard ring Eq. (312) unless the figure varies the graph. Besides its report
 * section it states the paper's claims it tests, with verdicts computed from the measured numbers.
 */
abstract class PaperFigure extends PaperExperiment {

  PaperFigure(String name, String title, String question) {
    super(name, title, question);
  }

  /** The claims this figure tests, with verdicts from {@code runs}. */
  abstract List<Claim> claims(Runs runs, int iterations);

  /** The same claims when this figure has no results in the folder. */
  abstract List<Claim> notRun();

  /** A value figure: a curve per value of {@code seriesKey}, each with its optimum dashed. */
  static String valueFigure(
      List<Runs.Run> subset,
      String seriesKey,
      String seriesLabel,
      Path dir,
      String rel,
      String file,
      String title) {
    List<Curve> curves = new ArrayList<>();
    List<Double> optima = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Runs.Run>> g :
        Runs.groupByWithin(subset, seriesKey).entrySet()) {
      String label =
          seriesLabel.isEmpty()
              ? algorithmLabel(g.getKey().get(0))
              : seriesLabel + " = " + Sweeps.label(g.getKey().get(0));
      curves.add(Runs.curve(label, g.getValue(), IterationMetrics::value));
      optima.add(Runs.mean(g.getValue(), PaperRuns::optimum));
    }
    PaperCharts.valueWithOptimum(
        dir.resolve(file),
        chartTitle(title),
        "V̄_τ(ρ) (value of the averaged " + "policy)",
        curves,
        optima.stream().mapToDouble(Double::doubleValue).toArray());
    return Markdown.figure(title, rel + "/" + file);
  }

  /** A log-scale figure of the normalised gap (V* − V̄)/V*, a curve per value of the key. */
  static String gapFigure(
      List<Runs.Run> subset,
      String seriesKey,
      String seriesLabel,
      Path dir,
      String rel,
      String file,
      String title) {
    List<Curve> curves = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Runs.Run>> g :
        Runs.groupByWithin(subset, seriesKey).entrySet()) {
      curves.add(
          PaperRuns.gapCurve(seriesLabel + " = " + Sweeps.label(g.getKey().get(0)), g.getValue()));
    }
    org.fednpg.experiments.plots.Charts.line(
        dir.resolve(file),
        chartTitle(title),
        "iteration",
        "(V*_τ − V̄_τ)/V*_τ (log scale; |·| below 0)",
        true,
        curves);
    return Markdown.figure(title, rel + "/" + file);
  }

  /** The part of a caption drawn on the chart: before " — " (the rest goes to the report only). */
  static String chartTitle(String caption) {
    int cut = caption.indexOf(" — ");
    return cut < 0 ? caption : caption.substring(0, cut);
  }

  /** "FedNPG" or "naive (local-q)" for an algorithm block. */
  static String algorithmLabel(Object block) {
    if (block instanceof Map<?, ?> m) {
      Object type = m.get("type");
      if ("naive".equals(type)) {
        Object v = m.get("variant");
        return "naive (" + (v == null ? "local-q" : v) + ")";
      }
      return "fednpg".equals(type) ? "FedNPG" : String.valueOf(type);
    }
    return Sweeps.label(block);
  }

  /** The parts joined with "; ". */
  static String join(List<String> parts) {
    return String.join("; ", parts);
  }
}
