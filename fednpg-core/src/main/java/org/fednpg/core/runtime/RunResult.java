package org.fednpg.core.runtime;

import org.fednpg.api.run.IterationMetrics;

/**
 * What a run produced besides the rows its listener saw.
 *
 * @param last the last metrics row
 * @param nanos wall time of the whole run
 * @param profile where the time went, per phase ({@link RunProfile#empty} when not measured)
 */
public record RunResult(IterationMetrics last, long nanos, RunProfile profile) {

  /** A result without a phase profile. */
  public RunResult(IterationMetrics last, long nanos) {
    this(last, nanos, RunProfile.empty(nanos));
  }
}
