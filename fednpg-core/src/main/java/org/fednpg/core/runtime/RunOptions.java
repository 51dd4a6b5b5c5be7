package org.fednpg.core.runtime;

import org.fednpg.api.InvalidInputException;

/**
 * How the in-process runtime runs an algorithm.
 *
 * @param iterations T, the number of iterations (rows t = 0..T are produced)
 * @param metricsEvery compute the model-based metrics every k iterations (and at t = 0 and T)
 * @param threads worker threads for agents, evaluation and mixing
 */
public record RunOptions(int iterations, int metricsEvery, int threads) {

  public RunOptions {
    if (iterations < 0) {
      throw new InvalidInputException("iterations must be >= 0, got " + iterations);
    }
    if (metricsEvery < 1) {
      throw new InvalidInputException("metricsEvery must be >= 1, got " + metricsEvery);
    }
    if (threads < 1) {
      throw new InvalidInputException("threads must be >= 1, got " + threads);
    }
  }

  /**
   * Whether iteration {@code t} gets a metrics row: t = 0, every {@code metricsEvery}-th, and the
   * last (t = T). The one definition of the row schedule, for every runtime and for the checks of
   * partial metrics on resume.
   */
  public boolean isMetricsRow(long t) {
    return t == 0 || t == iterations || (t > 0 && t < iterations && t % metricsEvery == 0);
  }

  /** The first iteration after {@code t} that gets a metrics row, or -1 after the last. */
  public long nextMetricsRow(long t) {
    if (t >= iterations) {
      return -1;
    }
    return Math.min(iterations, (t / metricsEvery + 1) * (long) metricsEvery);
  }

  /** Metrics every iteration, one thread per available core. */
  public static RunOptions of(int iterations) {
    return new RunOptions(iterations, 1, Runtime.getRuntime().availableProcessors());
  }
}
