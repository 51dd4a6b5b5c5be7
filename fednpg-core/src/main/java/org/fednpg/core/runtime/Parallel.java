package org.fednpg.core.runtime;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.fednpg.api.FedNpgException;

/**
 * A bounded pool that runs {@code body(i)} for i in [0, n). Results never depend on the number of
 * threads: every index does its own independent work.
 */
public final class Parallel implements AutoCloseable {

  private final ForkJoinPool pool;
  private final int threads;

  /** @param threads worker count, ≥ 1; 1 runs everything on the caller's thread */
  public Parallel(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
  }

  public int threads() {
    return threads;
  }

  /** Runs body(0..n−1), in parallel when this pool has more than one thread. */
  public void forEach(int n, IntConsumer body) {
    if (pool == null || n <= 1) {
      for (int i = 0; i < n; i++) {
        body.accept(i);
      }
      return;
    }
    Future<?> f = pool.submit(() -> IntStream.range(0, n).parallel().forEach(body));
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FedNpgException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new FedNpgException("parallel task failed", cause);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdown();
    }
  }
}
