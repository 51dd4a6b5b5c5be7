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

  @Override
  String name() {
    return "map-size";
  }

  @Override
  String title() {
    return "1. Map size";
  }

  @Override
  String question() {
    return "GridWorld K×K for several K, N = 10 agents on a ring (equal weights), η = 0.1, "
        + "γ = 0.99, vanilla (τ = 0) and entropy-regularised. The paper reports that the speed "
        + "of convergence is insensitive to K.";
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
      for (Map.Entry<List<Object>, List<Runs.Run>> g
          : Runs.groupByWithin(runs.where("algorithm.tau", tau), "environment.size").entrySet()) {
        curves.add(Runs.curve("K = " + g.getKey().get(0), g.getValue(),
            IterationMetrics::optimalityGap));
      }
      String file = "gap-tau" + tau + ".png";
      Charts.line(dir.resolve(file), "Optimality gap, τ = " + tau + " (N = 10, ring)",
          "iteration", "|V*(ρ) − V(ρ)|", true, curves);
      md.append(Markdown.figure("gap vs iteration, tau " + tau, rel + "/" + file));
    }
    List<List<String>> rows = new ArrayList<>();
    Map<List<Object>, List<Runs.Run>> bySize = runs.groupBy("environment.size");
    StringBuilder findings = new StringBuilder();
    for (Object tau : taus) {
      long lo = Long.MAX_VALUE;
      long hi = -1;
      Object loK = null;
      Object hiK = null;
      boolean allReached = true;
      for (List<Object> k : bySize.keySet()) {
        for (Runs.Run r : runs.where("algorithm.tau", tau, "environment.size", k.get(0))) {
          long it = Runs.iterationsTo(r.rows(), IterationMetrics::optimalityGap, GAP_TOLERANCE);
          if (it < 0) {
            allReached = false;
            continue;
          }
          if (it < lo) {
            lo = it;
            loK = k.get(0);
          }
          if (it > hi) {
            hi = it;
            hiK = k.get(0);
          }
        }
      }
      if (hi >= 0) {
        findings.append(String.format(java.util.Locale.ROOT,
            "- τ = %s: iterations to a gap of 1e-3 range from %d (K = %s) to %d (K = %s), a "
                + "factor %s%s.%n", tau, lo, loK, hi, hiK, Markdown.num((double) hi / Math.max(1, lo)),
            allReached ? "" : "; some K did not reach it within " + iterations + " iterations"));
      } else {
        findings.append("- τ = ").append(tau).append(": no K reached a gap of 1e-3 within ")
            .append(iterations).append(" iterations.\n");
      }
    }
    for (List<Object> k : bySize.keySet()) {
      List<String> row = new ArrayList<>(List.of(String.valueOf(k.get(0))));
      for (Object tau : taus) {
        List<Runs.Run> rs = runs.where("algorithm.tau", tau, "environment.size", k.get(0));
        row.add(rs.isEmpty() ? "—" : Markdown.iters(Runs.iterationsTo(rs.get(0).rows(),
            IterationMetrics::optimalityGap, GAP_TOLERANCE), iterations) + " ("
            + Markdown.num(Runs.last(rs.get(0), IterationMetrics::optimalityGap)) + ")");
      }
      rows.add(row);
    }
    md.append("Iterations to reach an optimality gap of 1e-3 (in brackets: the gap after the last "
        + "iteration):\n\n")
        .append(Markdown.table(header, rows)).append('\n')
        .append("Findings (measured):\n\n").append(findings).append('\n')
        .append(Markdown.figure("GridWorld map", rel + "/gridworld-map.png"));
    return md.toString();
  }
}
