package org.fednpg.experiments.reproduce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Experiment 3: ring with k neighbours per side, equal vs random weights. */
final class TopologyExperiment extends PaperExperiment {

  TopologyExperiment() {
    super(
        "topology",
        "3. Communication topology",
        """
            Ring with k neighbours per side for several k, `equal` vs seeded `random` weights \
            (mean and min–max band over seeds), vanilla FedNPG. The paper reports that more \
            neighbours converge faster and that equal weights beat random ones.""");
  }

  @Override
  String analyse(Runs runs, Path dir, String rel, int iterations) {
    StringBuilder md = new StringBuilder();
    for (List<Object> w : runs.groupBy("topology.weights").keySet()) {
      md.append(
          Figures.gapCurves(
              runs.where("topology.weights", w.get(0)),
              "topology.neighbors",
              "k",
              dir,
              rel,
              "gap-" + w.get(0) + ".png",
              "Optimality gap, " + w.get(0) + " weights"));
    }
    List<List<String>> rows = new ArrayList<>();
    StringBuilder findings = new StringBuilder();
    int faster = 0;
    int tied = 0;
    int slower = 0;
    List<Double> equalIts = new ArrayList<>();
    List<Object> ks = new ArrayList<>();
    for (List<Object> k : runs.groupBy("topology.neighbors").keySet()) {
      ks.add(k.get(0));
      List<String> row = new ArrayList<>(List.of(String.valueOf(k.get(0))));
      Figures.Convergence[] c = new Figures.Convergence[2];
      int i = 0;
      for (Object w : List.of("equal", "random")) {
        List<Runs.Run> cell = runs.where("topology.neighbors", k.get(0), "topology.weights", w);
        c[i] = cell.isEmpty() ? null : Figures.convergence(cell, GAP_TOLERANCE);
        row.add(cell.isEmpty() ? "—" : Markdown.num(Runs.mean(cell, Runs.Run::sigma)));
        row.add(cell.isEmpty() ? "—" : c[i].text());
        i++;
      }
      if (c[0] != null) {
        equalIts.add(c[0].meanIterations());
      }
      if (c[0] != null && c[1] != null) {
        int cmp = Double.compare(c[0].meanIterations(), c[1].meanIterations());
        faster += cmp < 0 ? 1 : 0;
        tied += cmp == 0 ? 1 : 0;
        slower += cmp > 0 ? 1 : 0;
      }
      rows.add(row);
    }
    md.append(Figures.CONVERGENCE_HEADING)
        .append(":\n\n")
        .append(
            Markdown.table(
                List.of(
                    "k",
                    "σ (equal)",
                    "iterations (equal)",
                    "σ (random, mean)",
                    "iterations (random, mean over seeds)"),
                rows));
    findings.append(
        String.format(
            Locale.ROOT,
            "- Equal against random weights, per "
                + "neighbourhood size: equal converged faster for %d, tied for %d (the same mean "
                + "iteration count, or neither converged), slower for %d of %d.%n",
            faster,
            tied,
            slower,
            faster + tied + slower));
    findings.append(
        String.format(
            Locale.ROOT,
            "- With equal weights, iterations until the gap "
                + "stays ≤ 1e-3 are %s in k (k = %s: %s; k = %s: %s).%n",
            Figures.trend(equalIts),
            ks.get(0),
            itersOrNot(equalIts.get(0)),
            ks.get(ks.size() - 1),
            itersOrNot(equalIts.get(equalIts.size() - 1))));
    md.append("\nFindings (measured):\n\n").append(findings);
    return md.toString();
  }

  private static String itersOrNot(double it) {
    return Double.isInfinite(it) ? "did not converge" : Markdown.num(it);
  }
}
