package org.fednpg.experiments.reproduce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.experiments.plots.Charts;
import org.fednpg.experiments.plots.Curve;

/** Experiment 1: map size K with N = 10 on a ring, τ ∈ {0, 0.005, 0.05}. */
final class MapSizeExperiment extends PaperExperiment {

  MapSizeExperiment() {
    super(
        "map-size",
        "1. Map size",
        """
            GridWorld K×K for several K, N = 10 agents on a ring (equal weights), η = 0.1, \
            γ = 0.99, vanilla (τ = 0) and entropy-regularised. The paper reports that the speed \
            of convergence is insensitive to K.""");
  }

  @Override
  String analyse(Runs runs, Path dir, String rel, int iterations) {
    StringBuilder md = new StringBuilder();
    Map<List<Object>, List<Runs.Run>> byTau = runs.groupBy("algorithm.tau");
    List<String> header = new ArrayList<>(List.of("K"));
    List<Object> taus = new ArrayList<>();
    byTau.keySet().forEach(k -> taus.add(k.get(0)));
    taus.forEach(t -> header.add("τ = " + t));
    for (Object tau : taus) {
      List<Curve> curves = new ArrayList<>();
      for (Map.Entry<List<Object>, List<Runs.Run>> g :
          Runs.groupByWithin(runs.where("algorithm.tau", tau), "environment.size").entrySet()) {
        curves.add(
            Runs.curve("K = " + g.getKey().get(0), g.getValue(), IterationMetrics::optimalityGap));
      }
      String file = "gap-tau" + tau + ".png";
      Charts.line(
          dir.resolve(file),
          "Optimality gap, τ = " + tau + " (N = 10, ring)",
          "iteration",
          "|V*(ρ) − V(ρ)|",
          Charts.spansDecades(curves),
          curves,
          Figures.bandLegend(runs.where("algorithm.tau", tau)));
      md.append(
          Markdown.figure(
              "Optimality gap against iteration, τ = "
                  + tau
                  + ". "
                  + Figures.setting(runs.where("algorithm.tau", tau)),
              rel + "/" + file));
    }
    List<List<String>> rows = new ArrayList<>();
    Map<List<Object>, List<Runs.Run>> bySize = runs.groupBy("environment.size");
    StringBuilder findings = new StringBuilder();
    for (Object tau : taus) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = -1;
      Object loK = null;
      Object hiK = null;
      List<Object> failed = new ArrayList<>();
      List<Double> byK = new ArrayList<>();
      for (List<Object> k : bySize.keySet()) {
        Figures.Convergence c =
            Figures.convergence(
                runs.where("algorithm.tau", tau, "environment.size", k.get(0)), GAP_TOLERANCE);
        byK.add(c.meanIterations());
        if (!c.converged()) {
          failed.add(k.get(0));
          continue;
        }
        if (c.meanIterations() < lo) {
          lo = c.meanIterations();
          loK = k.get(0);
        }
        if (c.meanIterations() > hi) {
          hi = c.meanIterations();
          hiK = k.get(0);
        }
      }
      if (hi >= 0) {
        findings.append(
            String.format(
                java.util.Locale.ROOT,
                "- τ = %s: iterations until the gap stays ≤ 1e-3 (mean over seeds) range from %s "
                    + "(K = %s) to %s (K = %s), a factor %s%s; in K they are %s%s.%n",
                tau,
                Markdown.num(lo),
                loK,
                Markdown.num(hi),
                hiK,
                Markdown.num(hi / Math.max(1, lo)),
                failed.isEmpty()
                    ? ""
                    : "; did not converge within " + iterations + " iterations for K = " + failed,
                Figures.trend(byK),
                Figures.trend(byK).equals("not monotone")
                    ? " (unexplained: the path differs with K, so K and path shape are not separated "
                        + "here; compare the seeds' band)"
                    : ""));
      } else {
        findings
            .append("- τ = ")
            .append(tau)
            .append(": did not converge (gap ≤ 1e-3 to the end) " + "within ")
            .append(iterations)
            .append(" iterations for any K.\n");
      }
    }
    for (List<Object> k : bySize.keySet()) {
      List<String> row = new ArrayList<>(List.of(String.valueOf(k.get(0))));
      for (Object tau : taus) {
        List<Runs.Run> rs = runs.where("algorithm.tau", tau, "environment.size", k.get(0));
        row.add(rs.isEmpty() ? "—" : Figures.convergence(rs, GAP_TOLERANCE).text());
      }
      rows.add(row);
    }
    md.append(Figures.CONVERGENCE_HEADING)
        .append(":\n\n")
        .append(Markdown.table(header, rows))
        .append('\n')
        .append("Findings (measured):\n\n")
        .append(findings)
        .append('\n')
        .append(
            Markdown.figure(
                "The GridWorld (our reconstruction, SPEC §6) for K = 10, N = 10 "
                    + "and the first seed: the path's cells coloured by the agent that owns them",
                rel + "/gridworld-map.png"));
    return md.toString();
  }
}
