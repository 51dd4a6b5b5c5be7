package org.fednpg.experiments.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.experiments.results.ResultsReader;
import org.hipparchus.distribution.continuous.TDistribution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fednpg compare DIR...}: final value, gap and iterations to a tolerance across finished
 * runs, grouped by their resolved spec without the seed: mean ± half-width of a 95% Student-t
 * confidence interval over the seeds of a group.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description =
        "Compare finished runs (run or sweep folders): final "
            + "value, gap and iterations until the gap stays below a tolerance, mean ± 95%% CI over "
            + "seeds.")
final class CompareCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "DIR", arity = "1..*", description = "run or sweep result folders")
  List<Path> dirs;

  @Option(
      names = "--tol",
      description = "gap tolerance: iterations until the gap stays below " + "it (default 1e-3)")
  double tol = 1e-3;

  @Override
  public Integer call() {
    Map<String, List<Path>> groups = new LinkedHashMap<>();
    for (Path d : dirs) {
      for (Path run : runFolders(d)) {
        JsonNode m = ResultsReader.manifest(run);
        if (m == null || !m.path("spec").isObject()) {
          throw new InvalidInputException(
              run.resolve("manifest.json") + ": not a fednpg run manifest (no 'spec')");
        }
        JsonNode s = m.get("spec").deepCopy();
        ((ObjectNode) s).remove("seed");
        ((ObjectNode) s).remove("name");
        groups.computeIfAbsent(s.toString(), k -> new ArrayList<>()).add(run);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "%-4s %-5s %-26s %-26s %-22s %s%n",
        "#",
        "runs",
        "final value",
        "final gap",
        "stays <= " + tol + " from",
        "folders");
    int i = 0;
    for (List<Path> runs : groups.values()) {
      double[] value = new double[runs.size()];
      double[] gap = new double[runs.size()];
      double[] iters = new double[runs.size()];
      boolean allReached = true;
      for (int k = 0; k < runs.size(); k++) {
        List<IterationMetrics> rows = ResultsReader.metrics(runs.get(k));
        IterationMetrics last = rows.get(rows.size() - 1);
        value[k] = last.value();
        gap[k] = last.optimalityGap();
        iters[k] = gapStaysBelowFrom(rows, tol);
        allReached &= !Double.isNaN(iters[k]);
      }
      out.printf(
          Locale.ROOT,
          "%-4d %-5d %-26s %-26s %-22s %s%n",
          ++i,
          runs.size(),
          meanCi(value),
          meanCi(gap),
          allReached ? meanCi(iters) : "did not converge",
          runs.size() == 1 ? runs.get(0) : runs.get(0) + " (+" + (runs.size() - 1) + ")");
    }
    return 0;
  }

  /**
   * Iterations until the gap stays ≤ tol (as REPORT.md, Runs.staysBelow): the first iteration from
   * which the gap never exceeds tol again in the run's rows; NaN when the last gap is above tol (a
   * NaN gap counts as above).
   */
  static double gapStaysBelowFrom(List<IterationMetrics> rows, double tol) {
    double since = Double.NaN;
    for (int j = rows.size() - 1; j >= 0 && rows.get(j).optimalityGap() <= tol; j--) {
      since = rows.get(j).iteration();
    }
    return since;
  }

  private static String meanCi(double[] x) {
    double[] ci = meanAndHalfWidth(x);
    if (x.length < 2) {
      return String.format(Locale.ROOT, "%.6g", ci[0]);
    }
    return String.format(Locale.ROOT, "%.6g ± %.2g", ci[0], ci[1]);
  }

  /**
   * The mean of {@code x} and the half-width t_{0.975, n−1} · s / √n of its two-sided 95% Student-t
   * confidence interval (s the sample standard deviation); the half-width is NaN for fewer than two
   * values.
   */
  static double[] meanAndHalfWidth(double[] x) {
    double mean = 0;
    for (double v : x) {
      mean += v / x.length;
    }
    if (x.length < 2) {
      return new double[] {mean, Double.NaN};
    }
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(ss / (x.length - 1));
    return new double[] {mean, t975(x.length - 1) * sd / Math.sqrt(x.length)};
  }

  /** The 0.975 quantile of Student's t with {@code df} degrees of freedom (Hipparchus). */
  static double t975(int df) {
    return new TDistribution(df).inverseCumulativeProbability(0.975);
  }

  private static List<Path> runFolders(Path dir) {
    if (Files.isRegularFile(dir.resolve("manifest.json"))) {
      return List.of(dir);
    }
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException(dir + ": not a folder");
    }
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> runs =
          s.filter(p -> Files.isRegularFile(p.resolve("manifest.json"))).sorted().toList();
      if (runs.isEmpty()) {
        throw new InvalidInputException(dir + ": holds no finished runs (no manifest.json)");
      }
      return runs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
