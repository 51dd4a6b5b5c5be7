package org.fednpg.experiments.reproduce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The paper's Figure 4: non-zeros per row of W on a directed ring (k + 1 with the diagonal), (a)
 * random row-stochastic and (b) equal weights; K = 10, τ = 0.005.
 */
final class PaperFig4Experiment extends PaperFigure {

  private static final String SETTING =
      "K = 10, τ = 0.005, η = 0.1, γ = 0.99; k + 1 non-zeros "
          + "per row, (a) random row-stochastic, (b) equal; *N = 10, k ∈ {1, 2, 4, 8}, 3 seeds, 300 "
          + "iterations*";

  PaperFig4Experiment() {
    super(
        "paper-fig4",
        "Figure 4: neighbours per agent and weights",
        """
            The paper's Figure 4: the number of non-zero entries per row of W varies; (a) random \
            weights with each row summing to 1 (not doubly stochastic: `stochastic: row`), (b) \
            equal weights 1/(k+1); K = 10, τ = 0.005, η = 0.1, γ = 0.99. We use `directed-ring` \
            (agent n receives from n+1..n+k). The paper: more neighbours converge faster, equal \
            weights do better than random. Our choices: N = 10, k ∈ {1, 2, 4, 8}, 300 iterations, \
            seeds 1–3 (each seed draws the path and the random weights; bands are min–max).""");
  }

  @Override
  String analyse(Runs runs, Path dir, String rel, int iterations) {
    StringBuilder md = new StringBuilder();
    for (String weights : List.of("random", "equal")) {
      List<Runs.Run> subset = runs.where("topology.weights", weights);
      if (subset.isEmpty()) {
        continue;
      }
      md.append(
          valueFigure(
              subset,
              "topology.neighbors",
              "k",
              dir,
              rel,
              "value-" + weights + ".png",
              "Figure 4("
                  + (weights.equals("random") ? "a" : "b")
                  + ") (ours): value, "
                  + weights
                  + " weights, K = "
                  + PaperRuns.environment(subset.get(0), "size")
                  + ", N = "
                  + PaperRuns.environment(subset.get(0), "agents")
                  + ", dashed: V*_τ — N, k list and "
                  + "seeds: our choice"));
    }
    md.append("Iterations until the normalised gap stays below ")
        .append(Markdown.num(PaperRuns.EPSILON))
        .append(", mean over seeds (in brackets the " + "final normalised gap):\n\n")
        .append(
            PaperRuns.settleTable(
                runs, "topology.neighbors", "k", "topology.weights", "weights", iterations));
    return md.toString();
  }

  @Override
  List<Claim> claims(Runs runs, int iterations) {
    List<String> faster = new ArrayList<>();
    int agree = 0;
    int total = 0;
    for (String weights : List.of("random", "equal")) {
      List<Object> ks = new ArrayList<>();
      List<Double> settles = new ArrayList<>();
      for (List<Object> k :
          Runs.groupByWithin(runs.where("topology.weights", weights), "topology.neighbors")
              .keySet()) {
        ks.add(k.get(0));
        settles.add(
            PaperRuns.meanSettle(
                runs.where("topology.weights", weights, "topology.neighbors", k.get(0))));
      }
      int[] steps = PaperRuns.steps(settles);
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < steps.length; i++) {
        total++;
        agree += steps[i] < 0 ? 1 : 0;
        parts.add(
            "k "
                + ks.get(i)
                + "→"
                + ks.get(i + 1)
                + ": "
                + (steps[i] < 0 ? "faster" : steps[i] == 0 ? "tied" : "slower"));
      }
      List<String> values = new ArrayList<>();
      for (int i = 0; i < ks.size(); i++) {
        values.add(ks.get(i) + ": " + PaperRuns.settleText(settles.get(i), iterations));
      }
      faster.add(weights + " (" + String.join(", ", values) + ") " + String.join(", ", parts));
    }
    List<String> better = new ArrayList<>();
    int bAgree = 0;
    int bTotal = 0;
    for (List<Object> k : runs.groupBy("topology.neighbors").keySet()) {
      List<Runs.Run> eq = runs.where("topology.neighbors", k.get(0), "topology.weights", "equal");
      List<Runs.Run> rnd = runs.where("topology.neighbors", k.get(0), "topology.weights", "random");
      if (eq.isEmpty() || rnd.isEmpty()) {
        continue;
      }
      int cmp = PaperRuns.steps(List.of(PaperRuns.meanSettle(eq), PaperRuns.meanSettle(rnd)))[0];
      bTotal++;
      bAgree += cmp > 0 ? 1 : 0;
      better.add(
          "k="
              + k.get(0)
              + ": equal "
              + PaperRuns.settleText(PaperRuns.meanSettle(eq), iterations)
              + " vs random "
              + PaperRuns.settleText(PaperRuns.meanSettle(rnd), iterations)
              + " → "
              + (cmp > 0 ? "equal faster" : cmp == 0 ? "tied" : "random faster"));
    }
    return List.of(
        new Claim(
            "4",
            "more neighbours converge faster",
            SETTING,
            "iterations until the normalised gap stays ≤ 1e-3 (mean over seeds) — " + join(faster),
            Claim.Verdict.of(agree, total),
            "per consecutive pair of k: " + "agrees if strictly faster; ties and slower disagree"),
        new Claim(
            "4",
            "equal weights do better than random weights",
            SETTING,
            join(better),
            Claim.Verdict.of(bAgree, bTotal),
            "per k: agrees if equal settles strictly " + "earlier; ties disagree"));
  }

  @Override
  List<Claim> notRun() {
    return List.of(
        Claim.notRun("4", "more neighbours converge faster", SETTING),
        Claim.notRun("4", "equal weights do better than random weights", SETTING));
  }
}
