package org.fednpg.experiments.reproduce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fednpg.api.run.IterationMetrics;

/** Experiment 3: ring with k neighbours per side, equal vs random weights. */
final class TopologyExperiment extends PaperExperiment {

  @Override
  String name() {
    return "topology";
  }

  @Override
  String title() {
    return "3. Communication topology";
  }

  @Override
  String question() {
    return "Ring with k neighbours per side for several k, `equal` vs seeded `random` weights "
        + "(mean and min–max band over seeds), vanilla FedNPG. The paper reports that more "
        + "neighbours converge faster and that equal weights beat random ones.";
  }

  @Override
  String analyse(Runs runs, Path dir, String rel, int iterations) {
    StringBuilder md = new StringBuilder();
    for (List<Object> w : runs.groupBy("topology.weights").keySet()) {
      md.append(Figures.curves(runs.where("topology.weights", w.get(0)), "topology.neighbors",
          "k", IterationMetrics::optimalityGap, "|V*(ρ) − V(ρ)|", true, dir, rel,
          "gap-" + w.get(0) + ".png", "Optimality gap, " + w.get(0) + " weights"));
    }
    List<List<String>> rows = new ArrayList<>();
    StringBuilder findings = new StringBuilder();
    int equalWins = 0;
    int comparisons = 0;
    for (List<Object> k : runs.groupBy("topology.neighbors").keySet()) {
      List<String> row = new ArrayList<>(List.of(String.valueOf(k.get(0))));
      double[] its = new double[2];
      int i = 0;
      for (Object w : List.of("equal", "random")) {
        List<Runs.Run> cell = runs.where("topology.neighbors", k.get(0), "topology.weights", w);
        double it = cell.isEmpty() ? Double.NaN : Figures.meanIterationsTo(cell, GAP_TOLERANCE);
        its[i++] = it < 0 ? Double.POSITIVE_INFINITY : it;
        row.add(cell.isEmpty() ? "—" : Markdown.num(Runs.mean(cell, Runs.Run::sigma)));
        row.add(cell.isEmpty() ? "—" : Figures.itersText(it, iterations) + " ("
            + Markdown.num(Runs.mean(cell, x -> Runs.last(x, IterationMetrics::optimalityGap)))
            + ")");
      }
      if (!Double.isNaN(its[0]) && !Double.isNaN(its[1])) {
        comparisons++;
        equalWins += its[0] <= its[1] ? 1 : 0;
      }
      rows.add(row);
    }
    md.append("Iterations to a gap of 1e-3 (in brackets: mean gap after the last iteration):\n\n")
        .append(Markdown.table(List.of("k", "σ (equal)", "iterations (equal)", "σ (random, mean)",
        "iterations (random, mean)"), rows));
    findings.append(String.format(Locale.ROOT, "- Equal weights reached a gap of 1e-3 at least "
        + "as fast as random weights for %d of %d neighbourhood sizes.%n", equalWins,
        comparisons));
    List<Object> ks = new ArrayList<>();
    runs.groupBy("topology.neighbors").keySet().forEach(k -> ks.add(k.get(0)));
    double first = Figures.meanIterationsTo(runs.where("topology.neighbors", ks.get(0),
        "topology.weights", "equal"), GAP_TOLERANCE);
    double lastK = Figures.meanIterationsTo(runs.where("topology.neighbors", ks.get(ks.size() - 1),
        "topology.weights", "equal"), GAP_TOLERANCE);
    findings.append(String.format(Locale.ROOT, "- With equal weights, k = %s needs %s iterations "
        + "and k = %s needs %s.%n", ks.get(0), Figures.itersText(first, iterations),
        ks.get(ks.size() - 1), Figures.itersText(lastK, iterations)));
    md.append("\nFindings (measured):\n\n").append(findings);
    return md.toString();
  }
}
