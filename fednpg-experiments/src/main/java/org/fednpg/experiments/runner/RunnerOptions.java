package org.fednpg.experiments.runner;

import org.fednpg.api.InvalidInputException;
import org.fednpg.experiments.spec.Sweeps;

/**
 * How an {@link ExperimentRunner} runs cells.
 *
 * @param threads worker threads per cell when its spec does not say
 * @param jobs cells run at the same time
 * @param checkpointEvery save a checkpoint every k iterations (0: never)
 * @param resume continue interrupted cells from their checkpoint instead of redoing them
 * @param terminal draw a progress bar (else log progress lines)
 * @param force redo a cell whose folder holds a finished run of another spec or of changed inputs,
 *     or (with resume) a checkpoint that cannot be used, moving the old files aside into a {@code
 *     replaced-TIME} sub-folder (nothing is deleted)
 * @param maxCells refuse sweeps of more cells than this
 */
public record RunnerOptions(
    int threads,
    int jobs,
    int checkpointEvery,
    boolean resume,
    boolean terminal,
    boolean force,
    long maxCells) {

  public RunnerOptions {
    if (threads < 1) {
      throw new InvalidInputException("threads must be >= 1, got " + threads);
    }
    if (jobs < 1) {
      throw new InvalidInputException("jobs must be >= 1, got " + jobs);
    }
    if (checkpointEvery < 0) {
      throw new InvalidInputException("checkpoint interval must be >= 0, got " + checkpointEvery);
    }
    if (maxCells < 1) {
      throw new InvalidInputException("--max-cells must be >= 1, got " + maxCells);
    }
  }

  /** Without --force, with the default cap on sweep cells. */
  public RunnerOptions(
      int threads, int jobs, int checkpointEvery, boolean resume, boolean terminal) {
    this(threads, jobs, checkpointEvery, resume, terminal, false, Sweeps.MAX_CELLS);
  }

  /** Sequential cells, one thread each, no checkpoints, no bar (tests). */
  public static RunnerOptions simple(int threads) {
    return new RunnerOptions(threads, 1, 0, false, false);
  }
}
