package org.fednpg.experiments.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fednpg.experiments.reproduce.SweepPlots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fednpg plot SWEEP_DIR [--metric M] [--by KEY] [--log|--linear] [--out FILE.png]}. */
@Command(
    name = "plot",
    mixinStandardHelpOptions = true,
    description =
        "Plot a metric against iteration for a finished sweep: one "
            + "curve per value of a sweep key, mean and min-max band over the other keys (seeds).")
final class PlotCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SWEEP_DIR")
  Path dir;

  @Option(
      names = "--metric",
      description =
          "optimality_gap (default), q_error, consensus, "
              + "value, agent_value_min, agent_value_mean")
  String metric = "optimality_gap";

  @Option(
      names = "--by",
      paramLabel = "KEY",
      description = "sweep key of the curves " + "(default: the first)")
  String by;

  @Option(
      names = "--log",
      description =
          "logarithmic y axis (default: log only when the "
              + "metric's values span two or more decades)")
  boolean log;

  @Option(names = "--linear", description = "linear y axis")
  boolean linear;

  @Option(names = "--out", paramLabel = "FILE.png", description = "default: DIR/plot-METRIC.png")
  Path out;

  @Override
  public Integer call() {
    Path file = out != null ? out : dir.resolve("plot-" + metric + ".png");
    if (log && linear) {
      throw new org.fednpg.api.InvalidInputException("--log and --linear exclude each other");
    }
    String key =
        SweepPlots.plot(dir, metric, by, log ? Boolean.TRUE : linear ? Boolean.FALSE : null, file);
    spec.commandLine().getOut().println("wrote " + file + " (" + metric + " by " + key + ")");
    return 0;
  }
}
