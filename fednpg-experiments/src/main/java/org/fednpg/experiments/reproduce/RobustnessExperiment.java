package org.fednpg.experiments.reproduce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fednpg.experiments.plots.Charts;
import org.fednpg.experiments.plots.Curve;

/** Experiment 5: uniform evaluation noise of size ε. */
final class RobustnessExperiment extends PaperExperiment {

  RobustnessExperiment() {
    super(
        "robustness",
        "5. Robustness to inexact evaluation (beyond the paper)",
        """
            Entropy-regularised FedNPG (τ = 0.05) with Q estimates carrying seeded uniform noise \
            in [−ε, ε] (‖q − Q‖∞ ≤ ε, the paper's inexactness assumption), ε on a log grid, \
            mean and min–max over seeds.""");
  }

  @Override
  String analyse(Runs runs, Path dir, String rel, int iterations) {
    StringBuilder md =
        new StringBuilder(
            Figures.gapOfAll(
                runs, "evaluator.epsilon", "ε", dir, rel, "Optimality gap under evaluation noise"));
    List<Double> eps = new ArrayList<>();
    List<Double> gap = new ArrayList<>();
    List<Double> lo = new ArrayList<>();
    List<Double> hi = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (List<Object> e : runs.groupBy("evaluator.epsilon").keySet()) {
      List<Runs.Run> cell = runs.where("evaluator.epsilon", e.get(0));
      Runs.Spread gaps = Runs.finalGapSpread(cell);
      double epsilon = ((Number) e.get(0)).doubleValue();
      rows.add(
          List.of(
              Markdown.num(epsilon),
              Markdown.num(gaps.mean()),
              Markdown.num(gaps.min()),
              Markdown.num(gaps.max())));
      if (epsilon > 0) {
        eps.add(epsilon);
        gap.add(gaps.mean());
        lo.add(gaps.min());
        hi.add(gaps.max());
      }
    }
    if (!eps.isEmpty()) {
      double[] x = eps.stream().mapToDouble(Double::doubleValue).toArray();
      Charts.line(
          dir.resolve("final-gap.png"),
          "Gap after " + iterations + " iterations vs ε (log ε on x: plotted as log10 ε)",
          "log10 ε",
          "|gap|",
          true,
          List.of(
              new Curve(
                  "mean over seeds",
                  log10(x),
                  gap.stream().mapToDouble(Double::doubleValue).toArray(),
                  lo.stream().mapToDouble(Double::doubleValue).toArray(),
                  hi.stream().mapToDouble(Double::doubleValue).toArray())),
          Figures.bandLegend(runs.all()));
      md.append(
          Markdown.figure(
              "Final gap against log10 ε (band: min–max over seeds). "
                  + Figures.setting(runs.all()),
              rel + "/final-gap.png"));
    }
    md.append(Markdown.table(List.of("ε", "final |gap| (mean)", "min", "max"), rows));
    String trend = Figures.trend(gap);
    String slope = gap.size() >= 2 ? Markdown.num(logSlope(eps, gap)) : "—";
    md.append(
        String.format(
            Locale.ROOT,
            "%nFindings (measured):%n%n- The final gap %s with ε "
                + "over ε > 0; least-squares slope of log gap against log ε: %s (1 would mean the gap "
                + "is proportional to ε).%n",
            "is " + trend,
            slope));
    return md.toString();
  }

  private static double[] log10(double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.log10(x[i]);
    }
    return y;
  }

  private static double logSlope(List<Double> x, List<Double> y) {
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    int n = x.size();
    for (int i = 0; i < n; i++) {
      double a = Math.log(x.get(i));
      double b = Math.log(Math.max(y.get(i), 1e-300));
      sx += a;
      sy += b;
      sxx += a * a;
      sxy += a * b;
    }
    return (n * sxy - sx * sy) / (n * sxx - sx * sx);
  }
}
