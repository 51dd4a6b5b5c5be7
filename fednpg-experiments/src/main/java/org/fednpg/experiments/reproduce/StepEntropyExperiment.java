package org.fednpg.experiments.reproduce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.experiments.plots.Charts;
import org.fednpg.experiments.plots.Curve;

/** Experiment 6b: the measured linear rate against ητ on one topology. */
final class StepEntropyExperiment extends PaperExperiment {

  StepEntropyExperiment() {
    super(
        "step-entropy",
        "6b. Linear rate against ητ (beyond the paper)",
        """
            Ring (equal weights), GridWorld, η = 0.1 and several τ. For reference the dashed \
            curve is 1 − ητ, the rate Cen et al. (2021, Theorem 1) prove for centralised \
            entropy-regularised NPG with this update; the federated rate also depends on σ.""");
  }

  @Override
  String analyse(Runs runs, Path dir, String rel, int iterations) {
    List<Double> et = new ArrayList<>();
    List<Double> rate = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (List<Runs.Run> group : runs.groupBy("algorithm.tau").values()) {
      Runs.Run r = group.get(0);
      double eta = r.manifest().at("/spec/algorithm/eta").asDouble();
      double tau = r.manifest().at("/spec/algorithm/tau").asDouble();
      // mean over seeds of the fitted rates (NaN if any seed has no fit)
      double rho =
          Runs.mean(
              group,
              x ->
                  Runs.linearRate(
                      x.rows(),
                      IterationMetrics::qError,
                      SpectralExperiment.RATE_FLOOR,
                      SpectralExperiment.RATE_CEILING));
      rows.add(
          List.of(
              Markdown.num(eta * tau),
              String.valueOf(group.size()),
              Markdown.num(rho),
              Markdown.num(1 - eta * tau),
              Figures.convergence(group, GAP_TOLERANCE).text()));
      if (!Double.isNaN(rho)) {
        et.add(eta * tau);
        rate.add(rho);
      }
    }
    StringBuilder md = new StringBuilder();
    if (!et.isEmpty()) {
      double[] x = et.stream().mapToDouble(Double::doubleValue).toArray();
      double[] ref = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        ref[i] = 1 - x[i];
      }
      Charts.line(
          dir.resolve("rate-vs-eta-tau.png"),
          "Measured linear rate vs ητ",
          "ητ",
          "rate per iteration",
          false,
          List.of(
              Curve.single(
                  "measured (ring)", x, rate.stream().mapToDouble(Double::doubleValue).toArray()),
              Curve.single("1 − ητ (centralised bound)", x, ref)));
      md.append(
          Markdown.figure(
              "Measured rate against ητ. " + Figures.setting(runs.all()),
              rel + "/rate-vs-eta-tau.png"));
    }
    md.append(
        Markdown.table(
            List.of(
                "ητ",
                "seeds",
                "measured rate (mean over seeds)",
                "1 − ητ",
                "iterations until the gap stays ≤ 1e-3 (final gap)"),
            rows));
    String trend = Figures.trend(rate);
    md.append("\nFindings (measured):\n\n- Over the values run, the measured rate is ")
        .append(trend)
        .append(" in ητ")
        .append(trend.equals("decreasing") ? " (it improves as ητ grows)" : "")
        .append(".\n");
    return md.toString();
  }
}
