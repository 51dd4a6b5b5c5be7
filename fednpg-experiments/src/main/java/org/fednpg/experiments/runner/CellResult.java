package org.fednpg.experiments.runner;

import java.nio.file.Path;
import java.util.Map;
import org.fednpg.api.run.IterationMetrics;

/**
 * The outcome of one run (one sweep cell).
 *
 * @param name cell name
 * @param values the cell's sweep values
 * @param directory its result folder
 * @param last the last metrics row
 * @param optimalValue V_τ*(ρ), NaN without a model
 * @param skipped whether it was already finished and not run again
 */
public record CellResult(
    String name,
    Map<String, Object> values,
    Path directory,
    IterationMetrics last,
    double optimalValue,
    boolean skipped) {}
