package org.fednpg.experiments.reproduce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.experiments.plots.Charts;
import org.fednpg.experiments.plots.Curve;

/** Reductions shared by several experiments: curve figures and iterations-to-tolerance tables. */
final class Figures {

  private Figures() {}

  /** {@link #curves} of the optimality gap |V*(ρ) − V(ρ)|, log axis when it spans decades. */
  static String gapCurves(
      List<Runs.Run> subset,
      String seriesKey,
      String seriesLabel,
      Path dir,
      String rel,
      String file,
      String title) {
    return curves(
        subset,
        seriesKey,
        seriesLabel,
        IterationMetrics::optimalityGap,
        "|V*(ρ) − V(ρ)|",
        null,
        dir,
        rel,
        file,
        title);
  }

  /** {@link #gapCurves} of all runs, one curve per value of {@code seriesKey}, as gap.png. */
  static String gapOfAll(
      Runs runs, String seriesKey, String seriesLabel, Path dir, String rel, String title) {
    return gapCurves(runs.all(), seriesKey, seriesLabel, dir, rel, "gap.png", title);
  }

  /** {@link #curves} of the consensus error max_n |log π_n − log π̄| on a log axis. */
  static String consensusCurves(
      List<Runs.Run> subset,
      String seriesKey,
      String seriesLabel,
      Path dir,
      String rel,
      String file,
      String title) {
    return curves(
        subset,
        seriesKey,
        seriesLabel,
        IterationMetrics::consensus,
        "max_n |log π_n − log π̄| (log scale)",
        true,
        dir,
        rel,
        file,
        title);
  }

  /**
   * One figure of {@code metric} against iteration with a curve per value of {@code seriesKey}
   * (mean and min–max over the remaining sweep keys, i.e. seeds), on a log axis when {@code log} is
   * true, a linear one when false, and when null a log axis only if the values span two or more
   * decades. Returns the Markdown link.
   */
  static String curves(
      List<Runs.Run> subset,
      String seriesKey,
      String seriesLabel,
      ToDoubleFunction<IterationMetrics> metric,
      String yLabel,
      Boolean log,
      Path dir,
      String rel,
      String file,
      String title) {
    List<Curve> curves = new ArrayList<>();
    for (Map.Entry<List<Object>, List<Runs.Run>> g :
        Runs.groupByWithin(subset, seriesKey).entrySet()) {
      Object v = g.getKey().get(0);
      curves.add(
          Runs.curve(
              v instanceof Map<?, ?> ? human(v) : seriesLabel + " = " + human(v),
              g.getValue(),
              metric));
    }
    // null: a log axis only when the values span decades (our choice: two or more)
    boolean logY = log != null ? log : Charts.spansDecades(curves);
    String axis =
        logY
            ? (yLabel.contains("|") || yLabel.contains("‖") ? yLabel : "|" + yLabel + "|")
                + " (log scale)"
            : yLabel;
    Charts.line(dir.resolve(file), title, "iteration", axis, logY, curves, bandLegend(subset));
    return Markdown.figure(title + ". " + setting(subset), rel + "/" + file);
  }

  /** "min–max over 3 seeds" (the number of distinct seeds among the runs). */
  static String bandLegend(List<Runs.Run> runs) {
    long seeds = runs.stream().map(r -> r.manifest().path("seed").asText()).distinct().count();
    return "min–max over " + seeds + (seeds == 1 ? " seed" : " seeds");
  }

  /**
   * The setting of a set of runs, read from their manifests: N, K (GridWorld size, or the number of
   * states), τ, η, γ and the seeds; a quantity that differs between runs is listed as a set.
   */
  static String setting(List<Runs.Run> runs) {
    List<String> parts = new ArrayList<>();
    parts.add(values("N", runs, r -> r.manifest().path("agents").asText()));
    boolean grid =
        runs.stream().allMatch(r -> r.manifest().at("/spec/environment/size").isNumber());
    parts.add(
        grid
            ? values("K", runs, r -> r.manifest().at("/spec/environment/size").asText())
            : values("states", runs, r -> r.manifest().path("states").asText()));
    parts.add(values("τ", runs, r -> Markdown.num(r.manifest().path("tau").asDouble())));
    parts.add(
        values(
            "η",
            runs,
            r -> {
              var eta = r.manifest().at("/spec/algorithm/eta");
              return eta.isMissingNode() ? "—" : Markdown.num(eta.asDouble());
            }));
    parts.add(values("γ", runs, r -> Markdown.num(r.manifest().path("gamma").asDouble())));
    String shares = entropyShares(runs);
    if (!shares.isEmpty()) {
      parts.add(shares);
    }
    parts.add(
        values("seeds", runs, r -> r.manifest().path("seed").asText())
            .replace("seeds = ", "seed ")
            .replace("seeds ∈ ", "seeds "));
    return String.join(", ", parts);
  }

  /**
   * "entropy share of V_τ*(ρ): 1.2–2.1% at τ = 0.005, 19% at τ = 0.05" — the range over the runs
   * (seeds, sizes) of each τ &gt; 0; empty when no run has τ &gt; 0.
   */
  static String entropyShares(List<Runs.Run> runs) {
    Map<Double, double[]> byTau = new java.util.TreeMap<>();
    for (Runs.Run r : runs) {
      double share = r.entropyShare();
      if (!Double.isNaN(share)) {
        double[] mm =
            byTau.computeIfAbsent(
                r.manifest().path("tau").asDouble(),
                t -> new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
        mm[0] = Math.min(mm[0], share);
        mm[1] = Math.max(mm[1], share);
      }
    }
    List<String> parts = new ArrayList<>();
    byTau.forEach(
        (tau, mm) -> {
          String lo = Markdown.num(100 * mm[0]);
          String hi = Markdown.num(100 * mm[1]);
          parts.add((lo.equals(hi) ? lo : lo + "–" + hi) + "% at τ = " + Markdown.num(tau));
        });
    return parts.isEmpty()
        ? ""
        : "entropy share of V_τ*(ρ) (τ·H_γ(π_τ*)(ρ) / |V_τ*(ρ)|): " + String.join(", ", parts);
  }

  private static String values(
      String name, List<Runs.Run> runs, java.util.function.Function<Runs.Run, String> f) {
    java.util.Set<String> v =
        new java.util.TreeSet<>(
            java.util.Comparator.comparingDouble(
                    (String x) -> {
                      try {
                        return Double.parseDouble(x);
                      } catch (NumberFormatException e) {
                        return Double.NaN;
                      }
                    })
                .thenComparing(x -> x));
    runs.forEach(r -> v.add(f.apply(r)));
    return v.size() == 1
        ? name + " = " + v.iterator().next()
        : name + " ∈ {" + String.join(", ", v) + "}";
  }

  /**
   * Convergence of a group of runs (seeds) to a gap tolerance.
   *
   * @param meanIterations mean over runs of "iterations until the gap stays ≤ tol" ({@link
   *     Runs#staysBelow}); +∞ when any run did not converge within its horizon
   * @param notConverged how many runs did not converge
   * @param runs how many runs
   * @param finalGap mean over runs of the gap after the last iteration
   */
  record Convergence(double meanIterations, int notConverged, int runs, double finalGap) {

    boolean converged() {
      return notConverged == 0;
    }

    /** "112 (final gap 3.1e-05)" or "did not converge (final gap 94)". */
    String text() {
      String it =
          converged()
              ? Markdown.num(meanIterations)
              : notConverged == runs
                  ? "**did not converge**"
                  : "**did not converge** (" + notConverged + " of " + runs + " seeds)";
      return it + " (final gap " + Markdown.num(finalGap) + ")";
    }
  }

  /** The stays-below convergence of the optimality gap over a group of runs. */
  static Convergence convergence(List<Runs.Run> group, double tol) {
    double s = 0;
    int failed = 0;
    for (Runs.Run r : group) {
      long k = Runs.staysBelow(r.rows(), IterationMetrics::optimalityGap, tol);
      if (k < 0) {
        failed++;
      } else {
        s += k;
      }
    }
    double gap = Runs.mean(group, x -> Math.abs(Runs.last(x, IterationMetrics::optimalityGap)));
    return new Convergence(
        failed > 0 ? Double.POSITIVE_INFINITY : s / group.size(), failed, group.size(), gap);
  }

  /** Header text of a column of {@link Convergence#text()} cells. */
  static final String CONVERGENCE_HEADING =
      "Iterations until the optimality gap stays ≤ 1e-3 "
          + "(the first t after which it never exceeds 1e-3 again within the run; mean over seeds; "
          + "**did not converge** when some seed's last gap is above 1e-3), and in brackets the mean "
          + "gap after the last iteration";

  /**
   * The direction of a sequence of numbers (equal numbers, including two +∞, are ties):
   * "increasing", "decreasing", "all tied", "non-decreasing (with ties)", "non-increasing (with
   * ties)" or "not monotone". A claim of direction is only made without ties.
   */
  static String trend(List<Double> values) {
    boolean up = false;
    boolean down = false;
    boolean tie = false;
    for (int i = 1; i < values.size(); i++) {
      int c = Double.compare(values.get(i), values.get(i - 1));
      up |= c > 0;
      down |= c < 0;
      tie |= c == 0;
    }
    if (up && down) {
      return "not monotone";
    }
    if (!up && !down) {
      return "all tied";
    }
    String d = up ? "increasing" : "decreasing";
    return tie ? "non-" + (up ? "decreasing" : "increasing") + " (with ties)" : d;
  }

  /** A human legend label for a sweep value: "ring, neighbors = 2" rather than a folder name. */
  static String human(Object value) {
    if (value instanceof Map<?, ?> m) {
      List<String> parts = new ArrayList<>();
      Object type = m.get("type");
      if (type != null) {
        parts.add(String.valueOf(type));
      }
      m.forEach(
          (k, v) -> {
            if (!"type".equals(k)) {
              parts.add(k + " = " + human(v));
            }
          });
      return String.join(", ", parts);
    }
    return org.fednpg.experiments.spec.Sweeps.label(value);
  }

  /**
   * A table with rows = values of {@code rowKey}, columns = values of {@code colKey}, cells =
   * {@link Convergence#text()} over the runs (seeds) in that cell.
   */
  static String iterationsTable(
      Runs runs, String rowKey, String rowLabel, String colKey, String colLabel, int horizon) {
    return crossTable(
        runs,
        rowKey,
        rowLabel,
        colKey,
        colLabel,
        cell -> convergence(cell, PaperExperiment.GAP_TOLERANCE).text());
  }

  /**
   * A table with rows = values of {@code rowKey}, columns = values of {@code colKey}, each cell
   * {@code cellText} of the runs (seeds) in it, "—" where there are none.
   */
  static String crossTable(
      Runs runs,
      String rowKey,
      String rowLabel,
      String colKey,
      String colLabel,
      Function<List<Runs.Run>, String> cellText) {
    List<Object> cols = new ArrayList<>();
    runs.groupBy(colKey).keySet().forEach(k -> cols.add(k.get(0)));
    List<String> header = new ArrayList<>(List.of(rowLabel));
    cols.forEach(c -> header.add(colLabel + " = " + org.fednpg.experiments.spec.Sweeps.label(c)));
    List<List<String>> rows = new ArrayList<>();
    for (List<Object> r : runs.groupBy(rowKey).keySet()) {
      List<String> row =
          new ArrayList<>(List.of(org.fednpg.experiments.spec.Sweeps.label(r.get(0))));
      for (Object c : cols) {
        List<Runs.Run> cell = runs.where(rowKey, r.get(0), colKey, c);
        row.add(cell.isEmpty() ? "—" : cellText.apply(cell));
      }
      rows.add(row);
    }
    return Markdown.table(header, rows);
  }
}
