package org.fednpg.experiments.reproduce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fednpg.api.run.IterationMetrics;

/** Experiment 2: number of agents N for several K. */
final class AgentsExperiment extends PaperExperiment {

  @Override
  String name() {
    return "agents";
  }

  @Override
  String title() {
    return "2. Number of agents";
  }

  @Override
  String question() {
    return "GridWorld with K ∈ {10, 20, 30} and N from 10 to 50 on a ring (equal weights), "
        + "vanilla FedNPG, η = 0.1, γ = 0.99. The paper reports that more agents converge more "
        + "slowly.";
  }

  @Override
  String analyse(Runs runs, Path dir, String rel, int iterations) {
    StringBuilder md = new StringBuilder();
    StringBuilder findings = new StringBuilder();
    for (List<Object> k : runs.groupBy("environment.size").keySet()) {
      Object size = k.get(0);
      List<Runs.Run> subset = runs.where("environment.size", size);
      md.append(Figures.curves(subset, "environment.agents", "N", IterationMetrics::optimalityGap,
          "|V*(ρ) − V(ρ)|", true, dir, rel, "gap-K" + size + ".png",
          "Optimality gap, K = " + size));
      List<String> parts = new ArrayList<>();
      double previous = -1;
      boolean monotone = true;
      double previousGap = -1;
      boolean gapMonotone = true;
      for (List<Object> n : Runs.groupByWithin(subset, "environment.agents").keySet()) {
        double it = Figures.meanIterationsTo(runs.where("environment.size", size,
            "environment.agents", n.get(0)), GAP_TOLERANCE);
        parts.add("N = " + n.get(0) + ": " + Figures.itersText(it, iterations));
        double effective = it < 0 ? Double.POSITIVE_INFINITY : it;
        monotone &= effective >= previous;
        previous = effective;
        double gap = Runs.mean(runs.where("environment.size", size, "environment.agents",
            n.get(0)), r -> Runs.last(r, IterationMetrics::optimalityGap));
        gapMonotone &= gap >= previousGap;
        previousGap = gap;
      }
      findings.append(String.format(Locale.ROOT, "- K = %s: iterations to 1e-3 — %s; %s; the "
          + "gap after %d iterations is %s.%n", size, String.join(", ", parts), monotone
              ? "non-decreasing in N (more agents, slower), as the paper reports"
              : "not monotone in N", iterations, gapMonotone
              ? "non-decreasing in N" : "not monotone in N"));
    }
    md.append("Iterations to reach an optimality gap of 1e-3 (in brackets: the gap after the last "
        + "iteration):\n\n")
        .append(Figures.iterationsTable(runs, "environment.agents", "N", "environment.size", "K",
            iterations))
        .append("\nFindings (measured):\n\n").append(findings);
    return md.toString();
  }
}
