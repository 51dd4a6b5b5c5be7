package org.fednpg.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fednpg.api.RandomSource;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.plugin.ComponentRegistry;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.run.AssembledRun;
import org.fednpg.core.run.ComponentSpec;
import org.fednpg.core.run.RunAssembler;
import org.fednpg.core.run.RunRequest;
import org.fednpg.core.runtime.InProcessRuntime;
import org.fednpg.core.runtime.RunEngine;
import org.fednpg.core.runtime.RunOptions;
import org.fednpg.core.runtime.RuntimeContext;
import org.fednpg.core.runtime.RuntimeProvider;

/** Shared set-up: the paper GridWorld request and the two runtimes to compare. */
final class ClusterTestRuns {

  static final long SEED = 7;

  private ClusterTestRuns() {}

  /** Paper GridWorld K = size, N = agents, ring with one neighbour per side, FedNPG τ = 0.01. */
  static RunRequest gridWorld(int size, int agents) {
    return new RunRequest(
        SEED,
        0.99,
        ComponentSpec.of("gridworld", "size", (long) size, "agents", (long) agents),
        ComponentSpec.of("ring", "neighbors", 1L),
        ComponentSpec.of("exact"),
        ComponentSpec.of("fednpg", "eta", 0.1, "tau", 0.01),
        Path.of("."));
  }

  static AssembledRun assemble(RunRequest request) {
    return new RunAssembler(Plugins.registry()).assemble(request);
  }

  /** The submitter's view: model, oracle and metrics, agents as placeholders (issue 19). */
  static AssembledRun assembleForMetrics(RunRequest request) {
    return new RunAssembler(Plugins.registry()).assembleForMetrics(request);
  }

  /** The rows of the default in-process runtime. */
  static List<IterationMetrics> inProcess(RunRequest request, RunOptions options) {
    AssembledRun run = assemble(request);
    List<IterationMetrics> rows = new ArrayList<>();
    new InProcessRuntime().run(run.algorithm(), run.topology(), run.metrics(), options, rows::add);
    return rows;
  }

  /** The pekko engine as the spec block {@code runtime: {type: pekko, ...params}} builds it. */
  static RunEngine pekko(Map<String, Object> params) {
    ComponentRegistry registry = Plugins.registry();
    RuntimeProvider provider = registry.runtime(PekkoRuntimeProvider.NAME);
    return provider.create(
        ComponentRegistry.parameters(
            ComponentRegistry.Family.RUNTIME, provider, params, Path.of(".")),
        new RuntimeContext(RandomSource.of(SEED).child("runtime"), registry));
  }
}
