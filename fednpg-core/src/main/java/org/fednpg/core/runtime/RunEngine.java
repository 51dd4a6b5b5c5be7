package org.fednpg.core.runtime;

import org.fednpg.api.InvalidInputException;
import org.fednpg.api.run.RunListener;
import org.fednpg.core.run.AssembledRun;
import org.fednpg.core.run.RunRequest;

/**
 * Where and how the agents of a run execute: in this process ({@code inprocess}, the default) or
 * spread over machines (e.g. {@code pekko}). An engine receives both the locally assembled run (for
 * the metrics and manifest) and the request it was assembled from, so a distributed engine can
 * rebuild the same agents on other nodes from the spec and the seed alone.
 */
public interface RunEngine {

  /**
   * Runs {@code run} and reports every metrics row to {@code listener}.
   *
   * @param run the assembled run (model, topology, agents, metrics)
   * @param request what it was assembled from
   * @param options iterations, metric frequency, threads
   * @param listener receives the rows, in iteration order
   */
  RunResult run(AssembledRun run, RunRequest request, RunOptions options, RunListener listener);

  /**
   * Whether the agents run outside this process, each built where it runs: the caller then passes
   * {@link org.fednpg.core.run.RunAssembler#assembleForMetrics} (model, oracle and metrics; agents
   * as placeholders) instead of the whole run. Default: no.
   */
  default boolean runsAgentsElsewhere() {
    return false;
  }

  /** Whether this engine saves checkpoints and resumes from them (default: no). */
  default boolean supportsCheckpoints() {
    return false;
  }

  /**
   * Runs with checkpoints: saves one after every {@code checkpoints.every()} iterations through its
   * sink and, when {@code checkpoints.resumeFrom()} is set, continues from it (rows up to the
   * checkpoint are not emitted again). The default supports only {@link CheckpointPolicy#NONE}-like
   * policies (no interval, no resume) and refuses others.
   *
   * @throws InvalidInputException when checkpoints are asked of an engine without them
   */
  default RunResult run(
      AssembledRun run,
      RunRequest request,
      RunOptions options,
      RunListener listener,
      CheckpointPolicy checkpoints) {
    if (checkpoints.every() > 0 || checkpoints.resumeFrom() != null) {
      throw new InvalidInputException("this runtime does not support --checkpoint-every/--resume");
    }
    return run(run, request, options, listener);
  }
}
