package org.fednpg.experiments.runner;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress of a set of cells, counted in iterations: a progress bar with cells done and ETA on a
 * terminal, plain log lines (at most one per interval) otherwise. Thread-safe.
 */
public final class Progress implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(15);

  private final ProgressBar bar;
  private final long total;
  private final int cells;
  private final AtomicLong done = new AtomicLong();
  private final AtomicInteger cellsDone = new AtomicInteger();
  private final AtomicLong lastLog = new AtomicLong(System.nanoTime());
  private final long start = System.nanoTime();
  private final String label;
  private final Set<String> running = new ConcurrentSkipListSet<>();
  private boolean quiet;

  /** The most recently started non-silent progress (what an interrupt notice reports). */
  private static final AtomicReference<Progress> LATEST = new AtomicReference<>();

  /**
   * @param label what is running
   * @param cells number of cells
   * @param totalIterations iterations over all cells
   * @param terminal draw a bar (true) or log lines (false)
   */
  public Progress(String label, int cells, long totalIterations, boolean terminal) {
    this.label = label;
    this.cells = cells;
    this.total = Math.max(1, totalIterations);
    this.bar =
        terminal
            ? new ProgressBarBuilder()
                .setTaskName(label)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setUnit(" it", 1)
                .setMaxRenderedLength(100)
                .build()
            : null;
    LATEST.set(this);
  }

  /**
   * What the latest progress had finished, e.g. {@code "topology: 3 of 8 cells finished"}; empty
   * when nothing was started in this JVM.
   */
  public static Optional<String> latestStatus() {
    Progress p = LATEST.get();
    return p == null
        ? Optional.empty()
        : Optional.of(p.label + ": " + p.cellsDone.get() + " of " + p.cells + " cells finished");
  }

  /** A progress reporter that says nothing (tests, nested runs). */
  public static Progress silent() {
    Progress p = new Progress("", 0, 1, false);
    p.quiet = true;
    LATEST.compareAndSet(p, null);
    return p;
  }

  /** Whether standard error looks like an interactive terminal. */
  public static boolean isTerminal() {
    return System.console() != null && System.getenv("CI") == null;
  }

  /** Records {@code n} more iterations done. */
  public void iterations(long n) {
    long d = done.addAndGet(n);
    if (quiet) {
      return;
    }
    if (bar != null) {
      bar.stepBy(n);
      return;
    }
    long now = System.nanoTime();
    long last = lastLog.get();
    if (now - last > LOG_EVERY_NANOS && lastLog.compareAndSet(last, now)) {
      double frac = (double) d / total;
      long elapsed = now - start;
      Duration eta = Duration.ofNanos((long) (elapsed / Math.max(frac, 1e-9) - elapsed));
      LOG.info(
          "{}: {}/{} cells, {}% of iterations, ETA {}s; running {}",
          label,
          cellsDone.get(),
          cells,
          Math.round(100 * frac),
          eta.toSeconds(),
          running.isEmpty() ? "-" : String.join(", ", running));
    }
  }

  /** Records that a cell started running (its name appears in the progress lines). */
  public void cellStarted(String name) {
    running.add(name);
  }

  /** Records one more cell finished (or skipped). */
  public void cellFinished() {
    cellFinished(null);
  }

  /** Records that the named cell finished (or was skipped). */
  public void cellFinished(String name) {
    if (name != null) {
      running.remove(name);
    }
    int c = cellsDone.incrementAndGet();
    if (bar != null) {
      bar.setExtraMessage(c + "/" + cells + " cells");
    }
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
