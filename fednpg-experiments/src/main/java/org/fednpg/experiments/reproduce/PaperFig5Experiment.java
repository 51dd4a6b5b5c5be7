package org.fednpg.experiments.reproduce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.fednpg.api.run.IterationMetrics;

/**
 * The paper's Figure 5: FedNPG against the baseline without Q-tracking, every reading of it (naive
 * local-q, frozen, mixed-q), K = 30, τ = 0.005, ring Eq. (312), N ∈ {10, 20, 30}.
 */
final class PaperFig5Experiment extends PaperFigure {

  private static final String SETTING =
      "K = 30, η = 0.1, τ = 0.005, γ = 0.99, ring Eq. (312), "
          + "N ∈ {10, 20, 30} (from a generated caption); *every naive reading, 300 iterations*";

  private static final String CLAIM =
      "FedNPG converges within a few iterations while the baseline without Q-tracking diverges";

  PaperFig5Experiment() {
    super(
        "paper-fig5",
        "Figure 5: Q-tracking against the baseline",
        """
            The paper's Figure 5: FedNPG against "FedNPG without the Q-tracking technique \
            (line 6 in Algorithm 1)", K = 30, η = 0.1, τ = 0.005, γ = 0.99, standard ring Eq. \
            (312), N ∈ {10, 20, 30}. The paper does not write the baseline out, so every reading \
            of PAPER.md §1 runs: `naive` with variant local-q (agents mix their local Q), frozen \
            (T stays T^(0)) and mixed-q (T^(t+1) = W Q^(t+1)). The paper: FedNPG converges within \
            a few iterations while the baseline diverges. Our choices: 300 iterations, path from \
            seed 1. Value (optimum dashed) and consensus max_n |log π_n − log π̄| per N.""");
  }

  /** The runs on the paper's ring Eq. (312) (directed-ring), or on our symmetric control ring. */
  static Runs onPaperRing(Runs runs, boolean paper) {
    List<org.fednpg.experiments.runner.CellResult> cells = new ArrayList<>();
    for (Runs.Run r : runs.all()) {
      boolean directed =
          r.value("topology") == null || r.label("topology").startsWith("directed-ring");
      if (directed == paper) {
        cells.add(r.cell());
      }
    }
    return new Runs(cells);
  }

  /**
   * For each N: the value figure (a curve per algorithm reading; {@code prefix} + value-N.png),
   * with {@code companion} also the consensus curves, appended to {@code md}; returns a table row
   * per run ({@link #row}, with {@code companion} also the final consensus error).
   */
  private static List<List<String>> valueFigures(
      Runs runs,
      String prefix,
      BiFunction<Object, List<Runs.Run>, String> caption,
      boolean companion,
      Path dir,
      String rel,
      int iterations,
      StringBuilder md) {
    List<List<String>> rows = new ArrayList<>();
    for (List<Object> n : runs.groupBy("environment.agents").keySet()) {
      List<Runs.Run> subset = runs.where("environment.agents", n.get(0));
      String file = prefix + "value-N" + n.get(0) + ".png";
      md.append(
          valueFigure(subset, "algorithm", "", dir, rel, file, caption.apply(n.get(0), subset)));
      if (companion) {
        md.append(
            Figures.consensusCurves(
                subset,
                "algorithm",
                "algorithm",
                dir,
                rel,
                "consensus-N" + n.get(0) + ".png",
                "Figure 5 companion (ours): consensus, N = " + n.get(0)));
      }
      for (Runs.Run r : subset) {
        List<String> row = new ArrayList<>(row(n.get(0), r, iterations));
        if (companion) {
          row.add(Markdown.num(Runs.last(r, IterationMetrics::consensus)));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** N, algorithm, settle, final normalised gap and largest consensus error of one run. */
  private static List<String> row(Object n, Runs.Run r, int iterations) {
    return List.of(
        String.valueOf(n),
        algorithmLabel(r.value("algorithm")),
        PaperRuns.settleText(PaperRuns.settle(r), iterations),
        Markdown.num(Runs.last(r, PaperRuns.normalisedGap(r))),
        Markdown.num(maxOf(r, IterationMetrics::consensus)));
  }

  @Override
  String analyse(Runs all, Path dir, String rel, int iterations) {
    Runs runs = onPaperRing(all, true);
    Runs control = onPaperRing(all, false);
    StringBuilder md = new StringBuilder();
    List<List<String>> rows =
        valueFigures(
            runs,
            "",
            (n, subset) ->
                "Figure 5 (ours): value, N = "
                    + n
                    + ", K = "
                    + PaperRuns.environment(subset.get(0), "size")
                    + ", τ = 0.005, dashed: V*_τ — "
                    + "the baseline readings are ours",
            true,
            dir,
            rel,
            iterations,
            md);
    md.append(
            Markdown.table(
                List.of(
                    "N",
                    "algorithm",
                    "iterations until the normalised gap " + "stays ≤ 1e-3",
                    "final normalised gap",
                    "largest consensus error",
                    "final consensus " + "error"),
                rows))
        .append('\n'); // a blank line ends the table before the next figure
    if (!control.all().isEmpty()) {
      List<List<String>> crows =
          valueFigures(
              control,
              "control-",
              (n, subset) ->
                  "Control (ours): symmetric ring, N = "
                      + n
                      + ", dashed: V*_τ — "
                      + "W_nn = W_{n,n±1} = 1/3, our addition",
              false,
              dir,
              rel,
              iterations,
              md);
      md.append(
              "\nControl beside the paper's ring (our addition): the same cells on the "
                  + "symmetric ring W_nn = W_{n,n±1} = 1/3, which satisfies Assumption 3.1 (σ = (1 + "
                  + "2cos(2π/N))/3).\n\n")
          .append(
              Markdown.table(
                  List.of(
                      "N",
                      "algorithm",
                      "iterations until the normalised gap stays ≤ 1e-3",
                      "final normalised gap",
                      "largest consensus error"),
                  crows));
    }
    Claim c = claims(runs, iterations).get(0);
    if (c.verdict() != Claim.Verdict.HOLDS) {
      md.append(
              "\n**Where our result departs from the paper (evidence above: value and "
                  + "consensus curves per N).** ")
          .append(c.measured())
          .append(
              ". Possible causes we "
                  + "know of: (1) our GridWorld is a reconstruction (SPEC §6: path drawn from a seed, "
                  + "split into contiguous segments, absorbing goal) — the paper does not say how its "
                  + "path is chosen or split, nor whether the goal absorbs; (2) the paper never writes "
                  + "the baseline out, and its readings behave very differently (table above); (3) "
                  + "η = 0.1 is far above the step sizes the theory certifies (the theory section "
                  + "reports the certificate), so nothing guarantees FedNPG's linear convergence at this "
                  + "η on this ring, and the consensus error of FedNPG grows over the run where it does "
                  + "not settle (column \"largest consensus error\"); (4) the paper's ring itself: "
                  + controlText(control, iterations)
                  + ". We report this as measured, not tuned "
                  + "away.\n");
    }
    return md.toString();
  }

  /** What FedNPG does on the symmetric control ring, computed. */
  private static String controlText(Runs control, int iterations) {
    List<String> parts = new ArrayList<>();
    for (Runs.Run r : control.all()) {
      if (algorithmLabel(r.value("algorithm")).equals("FedNPG")) {
        long s = PaperRuns.settle(r);
        parts.add(
            "N = "
                + r.value("environment.agents")
                + ": "
                + (s >= 0 ? "settles at " + s : "does not settle in " + iterations));
      }
    }
    return parts.isEmpty()
        ? "no control runs in this folder"
        : "on the symmetric ring (our control, Assumption 3.1 holds) FedNPG with the same η, τ, "
            + "K and N "
            + String.join(", ", parts);
  }

  private static double maxOf(Runs.Run r, java.util.function.ToDoubleFunction<IterationMetrics> f) {
    double m = Double.NEGATIVE_INFINITY;
    for (IterationMetrics row : r.rows()) {
      m = Math.max(m, f.applyAsDouble(row));
    }
    return m;
  }

  @Override
  List<Claim> claims(Runs all, int iterations) {
    Runs runs = onPaperRing(all, true);
    List<String> fed = new ArrayList<>();
    List<String> base = new ArrayList<>();
    int agree = 0;
    int total = 0;
    for (List<Object> n : runs.groupBy("environment.agents").keySet()) {
      for (Runs.Run r : runs.where("environment.agents", n.get(0))) {
        String label = algorithmLabel(r.value("algorithm"));
        long s = PaperRuns.settle(r);
        boolean isFed = label.equals("FedNPG");
        total++;
        boolean ok = isFed ? s >= 0 : s < 0;
        agree += ok ? 1 : 0;
        String text =
            "N="
                + n.get(0)
                + " "
                + label
                + ": "
                + (s >= 0
                    ? "settles at " + s
                    : "does not settle (final normalised gap "
                        + Markdown.num(Runs.last(r, PaperRuns.normalisedGap(r)))
                        + ")");
        (isFed ? fed : base).add(text);
      }
    }
    return List.of(
        new Claim(
            "5",
            CLAIM,
            SETTING,
            "FedNPG — " + join(fed) + "; baseline — " + join(base),
            Claim.Verdict.of(agree, total),
            "per run: FedNPG agrees if its "
                + "normalised gap stays ≤ 1e-3 by the end, a baseline agrees if it does not; holds if "
                + "all agree"));
  }

  @Override
  List<Claim> notRun() {
    return List.of(Claim.notRun("5", CLAIM, SETTING));
  }
}
