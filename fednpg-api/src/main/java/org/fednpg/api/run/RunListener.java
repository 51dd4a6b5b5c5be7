package org.fednpg.api.run;

/** Receives a run's metrics as they are produced, in iteration order, on the runtime's thread. */
public interface RunListener {

  /** A row of metrics for iteration {@code metrics.iteration()}. */
  void onIteration(IterationMetrics metrics);

  /** The run ended normally after its last iteration. */
  default void onFinish() {}
}
