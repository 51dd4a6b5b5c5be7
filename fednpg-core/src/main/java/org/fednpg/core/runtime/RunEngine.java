package org.fednpg.core.runtime;

import org.fednpg.api.run.RunListener;
import org.fednpg.core.run.AssembledRun;
import org.fednpg.core.run.RunRequest;

/**
 * Where and how the agents of a run execute: in this process ({@code inprocess}, the default) or
 * spread over machines (e.g. {@code pekko}). An engine receives both the locally assembled run
 * (for the metrics and manifest) and the request it was assembled from, so a distributed engine
 * can rebuild the same agents on other nodes from the spec and the seed alone.
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
}
