package org.fednpg.experiments.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.runtime.RunProfile;
import org.fednpg.core.runtime.RunProfiles;
import org.fednpg.experiments.reproduce.SweepPlots;
import org.fednpg.experiments.runner.CellResult;
import org.fednpg.experiments.runner.ExperimentRunner;
import org.fednpg.experiments.runner.Progress;
import org.fednpg.experiments.runner.RunnerOptions;
import org.fednpg.experiments.spec.ExperimentSpec;
import org.fednpg.experiments.spec.SpecParser;
import org.fednpg.experiments.spec.Sweeps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fednpg run SPEC --out DIR}. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run an experiment spec (YAML or JSON); writes metrics.csv "
            + "and manifest.json (one folder per cell for a sweep).")
final class RunCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Mixin PluginOptions plugins;

  @Parameters(index = "0", paramLabel = "SPEC", description = "experiment spec file")
  Path specFile;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "result folder (default: results/<spec name>)")
  Path out;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "worker threads per cell when the spec does not say (default: cores / jobs)")
  Integer threads;

  @Option(
      names = "--jobs",
      paramLabel = "J",
      description = "sweep cells run at the same time (default: one per core)")
  Integer jobs;

  @Option(
      names = "--checkpoint-every",
      paramLabel = "K",
      description = "save a checkpoint every K iterations (default 0: never)")
  int checkpointEvery;

  @Option(names = "--resume", description = "continue interrupted cells from their last checkpoint")
  boolean resume;

  @Option(
      names = "--force",
      description =
          "redo cells whose finished result is of another spec or of changed input "
              + "files, or (with --resume) whose checkpoint cannot be used; the old files are moved "
              + "into a replaced-TIME sub-folder, never deleted")
  boolean force;

  @Option(
      names = "--max-cells",
      paramLabel = "N",
      defaultValue = "" + Sweeps.MAX_CELLS,
      description = "refuse sweeps of more cells than this (default: ${DEFAULT-VALUE})")
  long maxCells;

  @Option(
      names = "--runtime",
      paramLabel = "NAME",
      description =
          "runtime type overriding the spec's; the spec's other runtime keys stay "
              + "(inprocess, pekko)")
  String runtime;

  @Option(
      names = "--cluster",
      paramLabel = "HOST:PORT",
      description = "with --runtime pekko: a seed node of a running cluster to submit to")
  String cluster;

  @Option(
      names = "--profile",
      description = "after the run, print where the time went per phase (in-process runs)")
  boolean profile;

  @Override
  public Integer call() {
    ExperimentSpec experiment = SpecParser.read(specFile);
    if (runtime != null || cluster != null) {
      experiment =
          experiment.withRuntimeOverrides(
              runtime, cluster == null ? Map.of() : Map.of("cluster", cluster));
    }
    Path dir = out != null ? out : Path.of("results", experiment.name());
    Path base = specFile.toAbsolutePath().getParent();
    int cores = Runtime.getRuntime().availableProcessors();
    int cells = (int) Math.min(Sweeps.count(experiment), Integer.MAX_VALUE);
    int parallelCells = jobs != null ? jobs : Math.min(cores, cells);
    int workers = threads != null ? threads : Math.max(1, cores / Math.max(1, parallelCells));
    RunnerOptions options =
        new RunnerOptions(
            workers,
            parallelCells,
            checkpointEvery,
            resume,
            Progress.isTerminal(),
            force,
            maxCells);
    if (profile) {
      RunProfiles.startRecording();
    }
    List<CellResult> results;
    List<RunProfile> profiles;
    try {
      results = new ExperimentRunner(plugins.registry(), options).run(experiment, base, dir);
    } finally {
      profiles = profile ? RunProfiles.stopRecording() : List.of();
    }
    var o = spec.commandLine().getOut();
    for (CellResult r : results) {
      IterationMetrics l = r.last();
      o.printf(
          "%s: iteration %d  value %.12g  optimal %.12g  gap %.3e  consensus %.3e  %d ms%s%n",
          r.name(),
          l.iteration(),
          l.value(),
          r.optimalValue(),
          l.optimalityGap(),
          l.consensus(),
          l.elapsedMs(),
          r.skipped() ? "  (already finished, skipped)" : "");
    }
    for (int i = 0; i < profiles.size(); i++) {
      o.printf("profile of run %d of %d (in finishing order):%n", i + 1, profiles.size());
      profiles.get(i).table().forEach(line -> o.println("  " + line));
    }
    if (profile && profiles.isEmpty()) {
      o.println("profile: no in-process run was executed");
    }
    if (!experiment.sweep().isEmpty()) {
      String key =
          experiment.sweep().keySet().stream()
              .filter(k -> !k.equals("seed"))
              .findFirst()
              .orElse("seed");
      Path png = dir.resolve("plot-optimality_gap.png");
      SweepPlots.plot(dir, "optimality_gap", key, null, png);
      o.println("plot: " + png + " (fednpg plot DIR --by KEY --metric M for others)");
    }
    o.println("results in " + dir);
    return 0;
  }
}
