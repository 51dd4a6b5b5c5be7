package org.fednpg.experiments.reproduce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.experiments.plots.Charts;
import org.hipparchus.stat.correlation.SpearmansCorrelation;
import org.hipparchus.stat.ranking.NaturalRanking;
import org.hipparchus.stat.ranking.TiesStrategy;

/** Experiment 6a/6c: linear rate against σ over topologies, on several environments. */
final class SpectralExperiment extends PaperExperiment {

  /** The asymptotic regime the linear rate is fitted in (above round-off). */
  static final double RATE_FLOOR = 1e-10;

  static final double RATE_CEILING = 1e-2;

  SpectralExperiment() {
    super(
        "spectral",
        "6. Spectral gap, topologies and federated vs centralised (beyond the paper)",
        """
            Entropy-regularised FedNPG (τ = 0.05, η = 0.1, γ = 0.99) on ring, torus, \
            Erdős–Rényi, random geometric, star and complete graphs (complete with equal weights \
            is exact averaging, i.e. centralised NPG), on the GridWorld and classic benchmarks. \
            The empirical linear rate is exp of the least-squares slope of log q_error over the \
            iterations where 1e-10 ≤ q_error ≤ 1e-2. The paper proves a rate that worsens as \
            σ → 1; its constants are not available to us, so only the measured dependence is \
            shown.""");
  }

  @Override
  String analyse(Runs runs, Path dir, String rel, int iterations) {
    StringBuilder md = new StringBuilder();
    List<List<String>> rows = new ArrayList<>();
    StringBuilder findings = new StringBuilder();
    int envIndex = 0;
    for (List<Object> env : runs.groupBy("environment").keySet()) {
      String envLabel = Figures.human(env.get(0));
      List<Runs.Run> subset = runs.where("environment", env.get(0));
      List<String> labels = new ArrayList<>();
      List<Double> sig = new ArrayList<>();
      List<Double> rate = new ArrayList<>();
      // one row per topology: the rate is the mean over seeds (NaN if any seed has no rate)
      Map<List<Object>, List<Runs.Run>> byTopology = Runs.groupByWithin(subset, "topology");
      for (List<Runs.Run> group : byTopology.values()) {
        Runs.Run first = group.get(0);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (Runs.Run r : group) {
          double rho =
              Runs.linearRate(r.rows(), IterationMetrics::qError, RATE_FLOOR, RATE_CEILING);
          sum += rho;
          lo = Math.min(lo, rho);
          hi = Math.max(hi, rho);
        }
        double rho = sum / group.size();
        String shown =
            Double.isNaN(rho)
                ? Markdown.num(rho)
                : group.size() == 1
                    ? Markdown.num(rho)
                    : Markdown.num(rho) + " (" + Markdown.num(lo) + "–" + Markdown.num(hi) + ")";
        rows.add(
            List.of(
                envLabel,
                Figures.human(first.value("topology")),
                Markdown.num(first.sigma()),
                shown,
                Figures.convergence(group, GAP_TOLERANCE).text(),
                Markdown.num(Runs.mean(group, r -> Runs.last(r, IterationMetrics::qError)))));
        if (!Double.isNaN(rho)) {
          labels.add(
              Figures.human(first.value("topology"))
                  + " (σ = "
                  + Markdown.num(first.sigma())
                  + ")");
          sig.add(first.sigma());
          rate.add(rho);
        }
      }
      int stalled = byTopology.size() - sig.size();
      if (stalled > 0) {
        findings.append(
            String.format(
                Locale.ROOT,
                "- %s: %d of %d topologies never brought "
                    + "q_error into [1e-10, 1e-2] within %d iterations for every seed (no rate fitted; "
                    + "see the table's "
                    + "final q_error). The paper's guarantees hold for step sizes below a bound that "
                    + "depends on σ, whose constants are not available to us, so we cannot say whether "
                    + "η = 0.1 exceeds it here.%n",
                envLabel,
                stalled,
                byTopology.size(),
                iterations));
      }
      String file = "rate-vs-sigma-" + envIndex + ".png";
      if (sig.size() >= 2) {
        Charts.scatter(
            dir.resolve(file),
            "Linear rate vs σ — " + envLabel,
            "σ",
            "measured rate per iteration",
            false,
            labels,
            sig.stream().mapToDouble(Double::doubleValue).toArray(),
            rate.stream().mapToDouble(Double::doubleValue).toArray());
        md.append(
            Markdown.figure(
                "Measured linear rate against σ, " + envLabel + ". " + Figures.setting(subset),
                rel + "/" + file));
        // ties at the shown precision (3 significant digits) carry no ordering
        List<Double> shownRate =
            rate.stream().map(x -> Double.parseDouble(Markdown.num(x))).toList();
        long distinct = shownRate.stream().distinct().count();
        long distinctSigma = sig.stream().map(x -> Markdown.num(x)).distinct().count();
        if (distinct == 1) {
          findings.append(
              String.format(
                  Locale.ROOT,
                  "- %s: the measured rates of all %d "
                      + "topologies are tied (%s at 3 significant digits), so no relation between σ and "
                      + "the rate can be read off here.%n",
                  envLabel,
                  rate.size(),
                  Markdown.num(shownRate.get(0))));
        } else if (distinct < rate.size() || distinctSigma < sig.size()) {
          findings.append(
              String.format(
                  Locale.ROOT,
                  "- %s: Spearman rank correlation between σ "
                      + "and the measured rate over %d topologies: %s, but only %d distinct rates and "
                      + "%d distinct σ at 3 significant digits (ties), so we claim no direction.%n",
                  envLabel,
                  sig.size(),
                  Markdown.num(spearman(sig, shownRate)),
                  distinct,
                  distinctSigma));
        } else {
          double rhoS = spearman(sig, shownRate);
          findings.append(
              String.format(
                  Locale.ROOT,
                  "- %s: Spearman rank correlation between σ "
                      + "and the measured rate over %d topologies (no ties): %s (%s).%n",
                  envLabel,
                  sig.size(),
                  Markdown.num(rhoS),
                  rhoS > 0
                      ? "larger σ, slower"
                      : rhoS < 0 ? "larger σ, faster" : "no monotone relation"));
        }
      }
      if (envIndex == 0) {
        md.append(
            Figures.curves(
                subset,
                "topology",
                "topology",
                IterationMetrics::qError,
                "‖Q* − Q^π̄‖∞",
                null,
                dir,
                rel,
                "q-error-" + envIndex + ".png",
                "Soft Q error by topology — " + envLabel));
      }
      envIndex++;
    }
    md.append(
        Markdown.table(
            List.of(
                "environment",
                "topology",
                "σ",
                "measured rate (mean over seeds; min–max)",
                "iterations until the gap stays ≤ 1e-3 (final gap; mean over seeds)",
                "final q_error (mean over seeds)"),
            rows));
    md.append("\nFindings (measured):\n\n").append(findings);
    return md.toString();
  }

  /**
   * Spearman's rank correlation (average ranks for ties), by Hipparchus; NaN when there are fewer
   * than two pairs, a value is NaN, or either list is constant (no ranking to correlate).
   */
  static double spearman(List<Double> a, List<Double> b) {
    double[] x = a.stream().mapToDouble(Double::doubleValue).toArray();
    double[] y = b.stream().mapToDouble(Double::doubleValue).toArray();
    if (x.length < 2
        || Arrays.stream(x).anyMatch(Double::isNaN)
        || Arrays.stream(y).anyMatch(Double::isNaN)
        || Arrays.stream(x).distinct().count() == 1
        || Arrays.stream(y).distinct().count() == 1) {
      return Double.NaN;
    }
    return new SpearmansCorrelation(new NaturalRanking(TiesStrategy.AVERAGE)).correlation(x, y);
  }
}
