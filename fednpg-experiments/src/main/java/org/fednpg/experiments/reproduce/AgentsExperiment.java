package org.fednpg.experiments.reproduce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Experiment 2: number of agents N for several K. */
final class AgentsExperiment extends PaperExperiment {

  AgentsExperiment() {
    super(
        "agents",
        "2. Number of agents",
        """
            GridWorld with K ∈ {10, 20, 30} and N from 10 to 50 on a ring (equal weights), \
            vanilla FedNPG, η = 0.1, γ = 0.99. The paper reports that more agents converge more \
            slowly.""");
  }

  @Override
  String analyse(Runs runs, Path dir, String rel, int iterations) {
    StringBuilder md = new StringBuilder();
    StringBuilder findings = new StringBuilder();
    for (List<Object> k : runs.groupBy("environment.size").keySet()) {
      Object size = k.get(0);
      List<Runs.Run> subset = runs.where("environment.size", size);
      md.append(
          Figures.gapCurves(
              subset,
              "environment.agents",
              "N",
              dir,
              rel,
              "gap-K" + size + ".png",
              "Optimality gap, K = " + size));
      List<String> parts = new ArrayList<>();
      List<Double> its = new ArrayList<>();
      List<Double> gaps = new ArrayList<>();
      for (List<Object> n : Runs.groupByWithin(subset, "environment.agents").keySet()) {
        Figures.Convergence c =
            Figures.convergence(
                runs.where("environment.size", size, "environment.agents", n.get(0)),
                GAP_TOLERANCE);
        parts.add(
            "N = "
                + n.get(0)
                + ": "
                + (c.converged() ? Markdown.num(c.meanIterations()) : "did not converge"));
        its.add(c.meanIterations());
        gaps.add(c.finalGap());
      }
      String trend = Figures.trend(its);
      findings.append(
          String.format(
              Locale.ROOT,
              "- K = %s: iterations until the gap stays "
                  + "≤ 1e-3 — %s; %s in N%s; the mean gap after %d iterations is %s in N.%n",
              size,
              String.join(", ", parts),
              trend,
              trend.equals("increasing") ? " (more agents, slower, as the paper reports)" : "",
              iterations,
              Figures.trend(gaps)));
    }
    md.append(Figures.CONVERGENCE_HEADING)
        .append(":\n\n")
        .append(
            Figures.iterationsTable(
                runs, "environment.agents", "N", "environment.size", "K", iterations))
        .append("\nFindings (measured):\n\n")
        .append(findings);
    return md.toString();
  }
}
