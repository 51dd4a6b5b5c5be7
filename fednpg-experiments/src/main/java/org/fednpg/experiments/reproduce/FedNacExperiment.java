package org.fednpg.experiments.reproduce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.experiments.plots.Charts;
import org.fednpg.experiments.plots.Curve;

/** Experiment 7: FedNAC's optimality gap against samples per agent, and exact FedNPG. */
final class FedNacExperiment extends PaperExperiment {

  FedNacExperiment() {
    super(
        "fednac",
        "7. FedNAC sample efficiency (beyond the paper; our reconstruction of FedNAC)",
        """
            FedNAC with one-hot features and Monte Carlo critics of growing budgets (samples per \
            agent per iteration) on the GridWorld, against exact FedNPG with the same step; mean \
            and min–max over seeds. This is `variant: ours`, our reconstruction from before the \
            paper's text was available; the paper's FedNAC is experiment 8 (fednac-paper).""");
  }

  @Override
  String analyse(Runs runs, Path dir, String rel, int iterations) {
    StringBuilder md =
        new StringBuilder(
            Figures.gapOfAll(
                runs, "algorithm", "algorithm", dir, rel, "Optimality gap by iteration"));
    List<Curve> bySamples = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    // per group: samples per agent (exact FedNPG: +∞, an unlimited budget), final gaps'
    // mean/min/max
    List<double[]> budgets = new ArrayList<>();
    List<String> budgetLabels = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Runs.Run>> g : runs.groupBy("algorithm").entrySet()) {
      List<Runs.Run> group = g.getValue();
      String label = Figures.human(g.getKey().get(0));
      int agents = group.get(0).manifest().get("agents").asInt();
      Curve c = Runs.curve(label, group, IterationMetrics::optimalityGap);
      double[] x = new double[c.x().length];
      for (int i = 0; i < x.length; i++) {
        x[i] = (double) group.get(0).rows().get(i).samples() / agents;
      }
      long total = group.get(0).rows().get(group.get(0).rows().size() - 1).samples();
      if (total > 0) {
        bySamples.add(new Curve(label, x, c.mean(), c.low(), c.high()));
      }
      Runs.Spread gaps = Runs.finalGapSpread(group);
      budgets.add(
          new double[] {
            total > 0 ? (double) total / agents : Double.POSITIVE_INFINITY,
            gaps.mean(),
            gaps.min(),
            gaps.max()
          });
      budgetLabels.add(label);
      rows.add(
          List.of(
              label,
              Markdown.num((double) total / agents),
              Markdown.num(Runs.mean(group, r -> Runs.last(r, IterationMetrics::optimalityGap))),
              Markdown.num(
                  Runs.mean(
                      group,
                      r ->
                          Runs.last(r, IterationMetrics::value)
                              / (Runs.last(r, IterationMetrics::value)
                                  + Runs.last(r, IterationMetrics::optimalityGap))))));
    }
    if (!bySamples.isEmpty()) {
      // samples span decades across budgets: log x, so the smallest budget's curve is visible
      Charts.line(
          dir.resolve("gap-vs-samples.png"),
          "FedNAC: gap vs samples per agent",
          "samples per agent (cumulative, log scale)",
          "|V*(ρ) − V(ρ)|",
          true,
          Charts.spansDecades(bySamples),
          bySamples,
          Figures.bandLegend(runs.all()));
      md.append(
          Markdown.figure(
              "Optimality gap against cumulative samples per agent. " + Figures.setting(runs.all()),
              rel + "/gap-vs-samples.png"));
    }
    md.append(
        Markdown.table(
            List.of(
                "algorithm",
                "samples per agent (total)",
                "final gap (mean)",
                "final V / V* (mean)"),
            rows));
    md.append(
        "\nFindings (measured): the table gives, for each critic budget, the final gap "
            + "and the fraction of V* reached after "
            + iterations
            + " iterations; exact FedNPG "
            + "uses no samples (an unlimited budget below).\n\n");
    md.append(monotonicity(budgets, budgetLabels));
    return md.toString();
  }

  /**
   * Whether the final gap falls as the budget grows (exact FedNPG last); where it does not, says
   * whether the seeds' min–max ranges overlap (the ordering is then within seed-to-seed spread) or
   * that the reversal is unexplained.
   */
  static String monotonicity(List<double[]> budgets, List<String> labels) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < budgets.size(); i++) {
      order.add(i);
    }
    order.sort(java.util.Comparator.comparingDouble(i -> budgets.get(i)[0]));
    StringBuilder b = new StringBuilder();
    List<String> reversals = new ArrayList<>();
    boolean unexplained = false;
    for (int j = 1; j < order.size(); j++) {
      // against the best (smallest mean gap) of all smaller budgets
      int best = order.get(0);
      for (int i = 1; i < j; i++) {
        if (budgets.get(order.get(i))[1] < budgets.get(best)[1]) {
          best = order.get(i);
        }
      }
      double[] smaller = budgets.get(best);
      double[] larger = budgets.get(order.get(j));
      if (larger[1] > smaller[1]) {
        boolean overlap = larger[2] <= smaller[3] && smaller[2] <= larger[3];
        unexplained |= !overlap;
        reversals.add(
            labels.get(order.get(j))
                + " ends with a larger mean gap ("
                + Markdown.num(larger[1])
                + ") than "
                + labels.get(best)
                + " ("
                + Markdown.num(smaller[1])
                + "); their min–max ranges over seeds "
                + (overlap
                    ? "overlap, so this ordering is within the seed-to-seed spread"
                    : "do not overlap"));
      }
    }
    if (reversals.isEmpty()) {
      return b.append("- The final gap decreases as the budget grows.\n").toString();
    }
    b.append("- The final gap is **not monotone** in the budget:\n");
    reversals.forEach(r -> b.append("  - ").append(r).append(".\n"));
    if (unexplained) {
      b.append(
          "- Where the ranges do not overlap the reversal is **unexplained**: we have not "
              + "isolated its cause (the critic's estimation error and the step size interact, and "
              + "we did not vary them separately).\n");
    }
    return b.toString();
  }
}
