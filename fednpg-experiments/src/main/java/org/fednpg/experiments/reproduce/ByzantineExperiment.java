package org.fednpg.experiments.reproduce;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.experiments.plots.Charts;
import org.fednpg.experiments.plots.Curve;
import org.fednpg.experiments.spec.Sweeps;

/**
 * Beyond the paper (issue 20): f adversaries × attack × aggregation rule. Every number is over the
 * honest agents (their r̄, oracle and π̄). A rule "survives" an attack at f when its mean final
 * honest gap is at most max(10 × the mean rule's gap with f = 0, 1e-3): the honest agents still get
 * within a factor 10 of what plain FedNPG reaches with no adversary — our criterion.
 */
final class ByzantineExperiment extends PaperExperiment {

  private static final String ENV = "environment";
  private static final String TOP = "topology";
  private static final String F = "adversary.count";
  private static final String ATTACK = "adversary.attack";
  private static final String RULE = "algorithm.aggregation";
  private static final String DRIFT = "‖(1/H)Σ_h T_h − (1/H)Σ_h q_h‖_∞ over the honest agents";

  ByzantineExperiment() {
    super(
        "byzantine",
        "Adversarial agents and robust mixing (beyond the paper)",
        "FedNPG (τ = 0.01) with f ∈ {0, 1, 2} adversaries (our attack definitions: sign-flip, "
            + "scaled ×3, Gaussian noise σ = 1, constant 0, stale by 5 iterations, lie-q on the "
            + "negated reward) and the aggregation rules mean, trimmed-mean (b = 1), median and "
            + "centred clipping (radius 1). Gap, oracle and consensus over the honest agents only. "
            + "Robust rules are not linear, so W's double stochasticity no longer keeps the honest "
            + "average of T equal to the average of Q (honest_tracking_drift in metrics.csv, figures below).");
  }

  private static List<Object> values(Runs runs, String key) {
    List<Object> out = new ArrayList<>();
    if (runs.all().isEmpty() || !runs.all().get(0).cell().values().containsKey(key)) {
      out.add(null);
      return out;
    }
    runs.groupBy(key).keySet().forEach(k -> out.add(k.get(0)));
    return out;
  }

  private static List<Runs.Run> cell(Runs runs, Object env, Object top, Object... more) {
    List<Object> kv = new ArrayList<>();
    if (env != null) {
      kv.add(ENV);
      kv.add(env);
    }
    if (top != null) {
      kv.add(TOP);
      kv.add(top);
    }
    kv.addAll(List.of(more));
    return runs.where(kv.toArray());
  }

  private static double gap(List<Runs.Run> cell) {
    return cell.isEmpty()
        ? Double.NaN
        : Runs.mean(cell, r -> Math.abs(Runs.last(r, IterationMetrics::optimalityGap)));
  }

  private static double consensus(List<Runs.Run> cell) {
    return cell.isEmpty()
        ? Double.NaN
        : Runs.mean(cell, r -> Runs.last(r, IterationMetrics::consensus));
  }

  /** "stays ≤ 1e-3 from iteration 80 (final gap 6e-05)" or why it does not. */
  private static String price(List<Runs.Run> cell, int iterations) {
    Figures.Convergence conv = Figures.convergence(cell, GAP_TOLERANCE);
    return conv.converged()
        ? String.format(
            Locale.ROOT,
            "stays ≤ 1e-3 from iteration %s (final gap %s)",
            Markdown.num(conv.meanIterations()),
            Markdown.num(conv.finalGap()))
        : String.format(
            Locale.ROOT,
            "does not stay ≤ 1e-3 within %d iterations in %d of %d seeds (final gap %s)",
            iterations,
            conv.notConverged(),
            conv.runs(),
            Markdown.num(conv.finalGap()));
  }

  @Override
  String analyse(Runs runs, Path dir, String rel, int iterations) {
    StringBuilder md = new StringBuilder();
    List<Object> envs = values(runs, ENV);
    List<Object> tops = values(runs, TOP);
    List<Object> fs = values(runs, F);
    List<Object> attacks = values(runs, ATTACK);
    List<Object> rules = values(runs, RULE);
    List<String> survivals = new ArrayList<>();
    List<String> bests = new ArrayList<>();
    List<String> prices = new ArrayList<>();
    int figure = 0;
    int heatMaps = 0;
    int trajectories = 0;
    for (Object env : envs) {
      for (Object top : tops) {
        String setting =
            (env == null ? "" : Sweeps.label(env))
                + (top == null ? "" : " on " + Sweeps.label(top));
        md.append(
            String.format(
                Locale.ROOT,
                "%n#### %s%n%n",
                setting.isBlank() ? "The shipped setting" : setting.trim()));
        for (Object f : fs) {
          if (((Number) f).intValue() == 0) {
            continue;
          }
          List<String> header = new ArrayList<>(List.of("rule \\ attack (f = " + f + ")"));
          attacks.forEach(a -> header.add(String.valueOf(a)));
          List<List<String>> rows = new ArrayList<>();
          double base =
              gap(cell(runs, env, top, RULE, "mean", F, fs.get(0), ATTACK, attacks.get(0)));
          double[][] grid = new double[rules.size()][attacks.size()];
          for (Object rule : rules) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(rule)));
            Set<String> survived = new LinkedHashSet<>();
            for (Object a : attacks) {
              double g = gap(cell(runs, env, top, RULE, rule, F, f, ATTACK, a));
              grid[rules.indexOf(rule)][attacks.indexOf(a)] = g;
              boolean ok = g <= Math.max(10 * base, GAP_TOLERANCE);
              row.add(Markdown.num(g) + (ok ? " ✓" : ""));
              if (ok) {
                survived.add(String.valueOf(a));
              }
            }
            rows.add(row);
            survivals.add(
                String.format(
                    Locale.ROOT,
                    "%sf = %s: **%s** survives %s",
                    setting.isBlank() ? "" : setting.trim() + ", ",
                    f,
                    rule,
                    survived.isEmpty() ? "no attack" : String.join(", ", survived)));
          }
          for (Object a : attacks) {
            Object best = null;
            double bestGap = Double.POSITIVE_INFINITY;
            for (Object rule : rules) {
              double g = gap(cell(runs, env, top, RULE, rule, F, f, ATTACK, a));
              if (g < bestGap) {
                bestGap = g;
                best = rule;
              }
            }
            double meanGap = gap(cell(runs, env, top, RULE, "mean", F, f, ATTACK, a));
            bests.add(
                String.format(
                    Locale.ROOT,
                    "%sf = %s, %s: lowest honest gap with **%s** " + "(%s, %s× below mean's %s)",
                    setting.isBlank() ? "" : setting.trim() + ", ",
                    f,
                    a,
                    best,
                    Markdown.num(bestGap),
                    Markdown.num(meanGap / bestGap),
                    Markdown.num(meanGap)));
          }
          md.append("Mean final honest optimality gap after ")
              .append(iterations)
              .append(
                  " iterations (✓: survives, gap ≤ max(10 × the mean rule's f = 0 gap, 1e-3), our criterion):\n\n");
          md.append(Markdown.table(header, rows));
          md.append('\n');
          String file = "heat-" + (++heatMaps) + ".png";
          String title =
              "log10 of the final honest gap, f = " + f + (setting.isBlank() ? "" : ", " + setting);
          Charts.heatMap(
              dir.resolve(file),
              title.trim(),
              "attack",
              "aggregation rule",
              attacks.stream().map(String::valueOf).toList(),
              rules.stream().map(String::valueOf).toList(),
              grid,
              true);
          md.append(
              Markdown.figure(
                  "Beyond the paper (attacks and rules are our definitions): mean final honest "
                      + "optimality gap after "
                      + iterations
                      + " iterations over "
                      + Figures.bandLegend(runs.all()).replace("min–max over ", "")
                      + ", aggregation rule × attack, f = "
                      + f
                      + (setting.isBlank() ? "" : ", " + setting.trim())
                      + "; colour and number: log10 of the gap (−2 is 0.01), green low, red high"
                      + " (the values are in the table above).",
                  rel + "/" + file));
        }
        List<String> header =
            new ArrayList<>(
                List.of("rule (f = 0)", Figures.CONVERGENCE_HEADING, "final consensus"));
        List<List<String>> price = new ArrayList<>();
        String prefix = setting.isBlank() ? "" : setting.trim() + ", ";
        // f = 0 runs do not depend on the attack: one attack's cells, one run per seed
        List<Runs.Run> meanClean =
            cell(runs, env, top, RULE, "mean", F, fs.get(0), ATTACK, attacks.get(0));
        String meanText = meanClean.isEmpty() ? null : price(meanClean, iterations);
        for (Object rule : rules) {
          List<Runs.Run> c = cell(runs, env, top, RULE, rule, F, fs.get(0), ATTACK, attacks.get(0));
          price.add(
              List.of(
                  String.valueOf(rule),
                  c.isEmpty() ? "—" : Figures.convergence(c, GAP_TOLERANCE).text(),
                  Markdown.num(consensus(c))));
          if (!c.isEmpty()) {
            boolean mean = "mean".equals(String.valueOf(rule));
            prices.add(
                String.format(
                    Locale.ROOT,
                    "%sf = 0: **%s** %s%s",
                    prefix,
                    rule,
                    price(c, iterations),
                    mean || meanText == null ? "" : "; the mean " + meanText));
          }
        }
        md.append("The price of robustness with no adversary (f = 0):\n\n");
        md.append(Markdown.table(header, price));
        md.append('\n');
        Object one = fs.stream().filter(v -> ((Number) v).intValue() > 0).findFirst().orElse(null);
        if (one != null && attacks.contains("sign-flip")) {
          String where = (setting.isBlank() ? "" : ", " + setting.trim()) + " (beyond the paper)";
          List<Runs.Run> attacked = cell(runs, env, top, F, one, ATTACK, "sign-flip");
          List<Runs.Run> clean = cell(runs, env, top, F, fs.get(0), ATTACK, attacks.get(0));
          int k = ++trajectories;
          md.append(
                  Figures.curves(
                      attacked,
                      RULE,
                      "rule",
                      IterationMetrics::optimalityGap,
                      "honest optimality gap",
                      true,
                      dir,
                      rel,
                      "trajectory-" + k + ".png",
                      "Honest gap against iteration, f = " + one + " sign-flip" + where))
              .append(
                  Figures.curves(
                      attacked,
                      RULE,
                      "rule",
                      IterationMetrics::honestTrackingDrift,
                      DRIFT,
                      true,
                      dir,
                      rel,
                      "drift-" + k + ".png",
                      "Honest tracking drift, f = " + one + " sign-flip" + where))
              .append(
                  Figures.curves(
                      clean,
                      RULE,
                      "rule",
                      IterationMetrics::honestTrackingDrift,
                      DRIFT,
                      true,
                      dir,
                      rel,
                      "drift-clean-" + k + ".png",
                      "Honest tracking drift, no adversary (f = 0)" + where));
        }
        for (Object a : attacks) {
          List<Curve> curves = new ArrayList<>();
          double[] x = fs.stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
          for (Object rule : rules) {
            double[] y = new double[fs.size()];
            double[] lo = new double[fs.size()];
            double[] hi = new double[fs.size()];
            for (int i = 0; i < fs.size(); i++) {
              List<Runs.Run> c = cell(runs, env, top, RULE, rule, F, fs.get(i), ATTACK, a);
              y[i] = Math.max(gap(c), Charts.LOG_FLOOR);
              lo[i] = y[i];
              hi[i] = y[i];
              for (Runs.Run r : c) {
                double g =
                    Math.max(
                        Math.abs(Runs.last(r, IterationMetrics::optimalityGap)), Charts.LOG_FLOOR);
                lo[i] = Math.min(lo[i], g);
                hi[i] = Math.max(hi[i], g);
              }
            }
            curves.add(new Curve(String.valueOf(rule), x, y, lo, hi));
          }
          String file = "gap-" + (++figure) + ".png";
          Charts.line(
              dir.resolve(file),
              "Final honest gap vs f, attack "
                  + a
                  + (setting.isBlank() ? "" : ", " + setting.trim()),
              "adversaries f",
              "|gap| after " + iterations + " iterations",
              true,
              curves,
              Figures.bandLegend(runs.all()));
          md.append(
              Markdown.figure(
                  "Final honest gap against the number of adversaries f, attack "
                      + a
                      + ", one line per aggregation rule (band: min–max over seeds)."
                      + (setting.isBlank() ? "" : " " + setting.trim() + "."),
                  rel + "/" + file));
        }
      }
    }
    md.append(String.format(Locale.ROOT, "%nFindings (computed from the tables above):%n%n"));
    survivals.forEach(s -> md.append("- ").append(s).append('\n'));
    md.append(String.format(Locale.ROOT, "%nThe best rule per attack (computed):%n%n"));
    bests.forEach(s -> md.append("- ").append(s).append('\n'));
    md.append(
        String.format(
            Locale.ROOT,
            "%nThe price of robustness with no adversary (computed; stays-below metric, "
                + "tolerance 1e-3):%n%n"));
    prices.forEach(s -> md.append("- ").append(s).append('\n'));
    return md.toString();
  }
}
