package org.fednpg.experiments.reproduce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fednpg.experiments.spec.Sweeps;

/** The paper's Figure 2: map size K, N = 10, τ ∈ {0, 0.005, 0.05}, standard ring Eq. (312). */
final class PaperFig2Experiment extends PaperFigure {

  private static final String SETTING =
      "N = 10, η = 0.1, γ = 0.99, τ ∈ {0, 0.005, 0.05}, ring "
          + "Eq. (312); *K ∈ {10, 20, 30, 50}, 300 iterations*";

  PaperFig2Experiment() {
    super(
        "paper-fig2",
        "Figure 2: map size K",
        """
            The paper's Figure 2: GridWorld K×K, N = 10 agents on the standard ring of Eq. (312) \
            (agent n receives from n+1 with weight 0.5), η = 0.1, γ = 0.99, τ ∈ {0, 0.005, 0.05}. \
            The paper: both variants converge in a few iterations, at almost the same speed for \
            every K. Our choices (the paper is silent): K ∈ {10, 20, 30, 50}, 300 iterations, the \
            path from seed 1; the y-axis is the paper's normalised gap (V*_τ − V̄_τ)/V*_τ on a log \
            scale (the log scale is ours).""");
  }

  @Override
  String analyse(Runs runs, Path dir, String rel, int iterations) {
    StringBuilder md = new StringBuilder();
    for (List<Object> tau : runs.groupBy("algorithm.tau").keySet()) {
      md.append(
          gapFigure(
              runs.where("algorithm.tau", tau.get(0)),
              "environment.size",
              "K",
              dir,
              rel,
              "normalised-gap-tau" + Sweeps.label(tau.get(0)) + ".png",
              "Figure 2 (ours): normalised gap, N = "
                  + PaperRuns.environment(runs.all().get(0), "agents")
                  + ", τ = "
                  + Sweeps.label(tau.get(0))
                  + " — K list and horizon: our choice"));
    }
    md.append(settleTable(runs, iterations));
    return md.toString();
  }

  private static String settleTable(Runs runs, int iterations) {
    return "Iterations until the normalised gap stays below "
        + Markdown.num(PaperRuns.EPSILON)
        + " (our tolerance), in brackets the final normalised gap:\n\n"
        + PaperRuns.settleTable(runs, "algorithm.tau", "τ", "environment.size", "K", iterations);
  }

  @Override
  List<Claim> claims(Runs runs, int iterations) {
    List<String> few = new ArrayList<>();
    int fewAgree = 0;
    int fewTotal = 0;
    List<String> same = new ArrayList<>();
    int sameAgree = 0;
    int sameTotal = 0;
    for (List<Object> tau : runs.groupBy("algorithm.tau").keySet()) {
      List<Double> settles = new ArrayList<>();
      List<String> parts = new ArrayList<>();
      for (List<Object> k : runs.groupBy("environment.size").keySet()) {
        List<Runs.Run> cell = runs.where("algorithm.tau", tau.get(0), "environment.size", k.get(0));
        if (cell.isEmpty()) {
          continue;
        }
        double s = PaperRuns.meanSettle(cell);
        settles.add(s);
        parts.add("K=" + k.get(0) + ": " + PaperRuns.settleText(s, iterations));
        fewTotal++;
        if (s >= 0 && s <= PaperRuns.FEW) {
          fewAgree++;
        }
      }
      few.add("τ=" + Sweeps.label(tau.get(0)) + ": " + String.join(", ", parts));
      double spread = PaperRuns.spread(settles);
      same.add("τ=" + Sweeps.label(tau.get(0)) + ": max/min " + PaperRuns.spreadText(spread));
      sameTotal++;
      if (spread <= PaperRuns.SAME_SPEED_FACTOR) {
        sameAgree++;
      }
    }
    return List.of(
        new Claim(
            "2",
            "both variants converge in a few iterations",
            SETTING,
            "iterations until the normalised gap stays ≤ 1e-3 — " + join(few),
            Claim.Verdict.of(fewAgree, fewTotal),
            "holds if every cell settles within "
                + PaperRuns.FEW
                + " iterations; contradicted if none does"),
        new Claim(
            "2",
            "almost the same speed for every K",
            SETTING,
            "spread of those iterations across K — " + join(same),
            Claim.Verdict.of(sameAgree, sameTotal),
            "holds if, for every τ, max/min ≤ "
                + Markdown.num(PaperRuns.SAME_SPEED_FACTOR)
                + " (a cell that never settles "
                + "makes it ∞)"));
  }

  @Override
  List<Claim> notRun() {
    return List.of(
        Claim.notRun("2", "both variants converge in a few iterations", SETTING),
        Claim.notRun("2", "almost the same speed for every K", SETTING));
  }
}
