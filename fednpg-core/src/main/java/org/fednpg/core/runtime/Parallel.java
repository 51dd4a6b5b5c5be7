package org.fednpg.core.runtime;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.fednpg.api.FedNpgException;

/**
 * A bounded pool that runs {@code body(i)} for i in [0, n). Results never depend on the number of
 * threads: every index does its own independent work. The calling thread works too (threads − 1
 * helpers join it), and indices are claimed one at a time from a shared counter, so a call costs
 * one hand-off per helper and uneven work balances itself.
 */
public final class Parallel implements AutoCloseable {

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final ExecutorService helpers;
  private final int threads;

  /**
   * @param threads worker count, ≥ 1; 1 runs everything on the caller's thread
   */
  public Parallel(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    if (threads > 1) {
      int pool = POOLS.incrementAndGet();
      AtomicInteger count = new AtomicInteger();
      ThreadFactory factory =
          r -> {
            Thread t = new Thread(r, "fednpg-worker-" + pool + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
          };
      this.helpers = Executors.newFixedThreadPool(threads - 1, factory);
    } else {
      this.helpers = null;
    }
  }

  public int threads() {
    return threads;
  }

  /** Runs body(0..n−1), in parallel when this pool has more than one thread. */
  public void forEach(int n, IntConsumer body) {
    if (helpers == null || n <= 1) {
      for (int i = 0; i < n; i++) {
        body.accept(i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    Runnable work =
        () -> {
          for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
            body.accept(i);
          }
        };
    int extra = Math.min(threads - 1, n - 1);
    Future<?>[] futures = new Future<?>[extra];
    for (int h = 0; h < extra; h++) {
      futures[h] = helpers.submit(work);
    }
    Throwable failure = null;
    try {
      work.run();
    } catch (RuntimeException | Error e) {
      failure = e;
      next.set(n);
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        next.set(n);
        if (failure == null) {
          failure = new FedNpgException("interrupted", e);
        }
      } catch (ExecutionException e) {
        next.set(n);
        if (failure == null) {
          failure = e.getCause();
        }
      }
    }
    if (failure instanceof RuntimeException re) {
      throw re;
    }
    if (failure instanceof Error err) {
      throw err;
    }
    if (failure != null) {
      throw new FedNpgException("parallel task failed", failure);
    }
  }

  @Override
  public void close() {
    if (helpers != null) {
      helpers.shutdown();
    }
  }
}
