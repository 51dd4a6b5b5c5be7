package org.fednpg.core.runtime;

import org.fednpg.api.run.IterationMetrics;

/**
 * What a run produced besides the rows its listener saw.
 *
 * @param last the last metrics row
 * @param nanos wall time of the whole run
 */
public record RunResult(IterationMetrics last, long nanos) {}
