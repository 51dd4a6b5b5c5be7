package org.fednpg.experiments.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fednpg.experiments.reproduce.Reproduction;
import org.fednpg.experiments.runner.Progress;
import org.fednpg.experiments.runner.RunnerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fednpg reproduce [NAME...] [--quick] [--out DIR]}. */
@Command(
    name = "reproduce",
    mixinStandardHelpOptions = true,
    description =
        "Run the paper's own experiments (Figures 2-5 as the "
            + "paper states them) and ours beyond the paper (SPEC §8), draw their figures and write "
            + "REPORT.md, which opens with the paper's claims beside our verdicts. Finished cells are "
            + "skipped on a second run.")
final class ReproduceCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Mixin PluginOptions plugins;

  @Parameters(
      paramLabel = "NAME",
      arity = "0..*",
      description =
          "experiments to run (default: all): paper (= paper-fig2 paper-fig3 "
              + "paper-fig4 paper-fig5), map-size, agents, topology, q-tracking, robustness, "
              + "spectral, step-entropy, fednac, fednac-paper, byzantine")
  List<String> names = new ArrayList<>();

  @Option(names = "--quick", description = "smaller sizes and fewer iterations (smoke run)")
  boolean quick;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "output folder (default: reproduction)")
  Path out = Path.of("reproduction");

  @Option(
      names = "--jobs",
      paramLabel = "J",
      description = "cells at the same time (default: cores)")
  Integer jobs;

  @Override
  public Integer call() {
    int cores = Runtime.getRuntime().availableProcessors();
    int parallel = jobs != null ? jobs : cores;
    RunnerOptions options =
        new RunnerOptions(Math.max(1, cores / parallel), parallel, 0, false, Progress.isTerminal());
    List<Reproduction.Outcome> outcomes =
        new Reproduction(plugins.registry(), options).run(names, quick, out);
    var o = spec.commandLine().getOut();
    for (Reproduction.Outcome r : outcomes) {
      o.printf(
          "%-14s %3d cells (%d already finished)  %5d s (run time of its cells: %d s)%n",
          r.name(), r.cells(), r.skipped(), r.time().toSeconds(), r.runTime().toSeconds());
    }
    o.println("report: " + out.resolve("REPORT.md"));
    return 0;
  }
}
