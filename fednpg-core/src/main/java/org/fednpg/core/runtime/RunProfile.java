package org.fednpg.core.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the wall time of one in-process run went, per phase, from {@link System#nanoTime()} stamps
 * the runtime takes anyway (a handful per iteration, so recording costs nothing measurable). Phases
 * are disjoint; {@code otherNanos} is the remainder of the run's wall time.
 *
 * @param iterations iterations run (excluding any restored from a checkpoint)
 * @param metricRows metrics rows computed
 * @param agents N
 * @param initializeNanos agents' set-up (the first evaluations), or restoring a checkpoint
 * @param sendNanos agents preparing the tables they send
 * @param mixingNanos mixing the tables with W (Σ_m W_nm x_m)
 * @param receiveNanos agents consuming the mix: normalisation and policy evaluation
 * @param metricsNanos metrics rows (exact evaluations of π̄ and of every agent on r̄) and listeners
 * @param checkpointNanos snapshots and writing checkpoints
 * @param totalNanos the run's wall time
 */
public record RunProfile(
    long iterations,
    long metricRows,
    int agents,
    long initializeNanos,
    long sendNanos,
    long mixingNanos,
    long receiveNanos,
    long metricsNanos,
    long checkpointNanos,
    long totalNanos) {

  /** A profile with nothing recorded (for engines that do not measure phases). */
  public static RunProfile empty(long totalNanos) {
    return new RunProfile(0, 0, 0, 0, 0, 0, 0, 0, 0, totalNanos);
  }

  /** Wall time not in any named phase. */
  public long otherNanos() {
    return totalNanos
        - initializeNanos
        - sendNanos
        - mixingNanos
        - receiveNanos
        - metricsNanos
        - checkpointNanos;
  }

  /** A small fixed-width table: phase, total ms, ms per iteration (or per row), share. */
  public List<String> table() {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(Locale.ROOT, "%-12s %10s %12s %7s", "phase", "total ms", "ms/iter", "share"));
    line(lines, "initialize", initializeNanos, 1);
    line(lines, "send", sendNanos, iterations);
    line(lines, "mixing", mixingNanos, iterations);
    line(lines, "receive+eval", receiveNanos, iterations);
    line(lines, "metrics", metricsNanos, iterations);
    line(lines, "checkpoint", checkpointNanos, iterations);
    line(lines, "other", otherNanos(), iterations);
    line(lines, "total", totalNanos, iterations);
    lines.add(
        String.format(
            Locale.ROOT,
            "(%d iterations, %d metrics rows, %d agents; " + "metrics ms per row %.3f)",
            iterations,
            metricRows,
            agents,
            metricRows == 0 ? 0.0 : metricsNanos / 1e6 / metricRows));
    return lines;
  }

  private void line(List<String> lines, String name, long nanos, long per) {
    lines.add(
        String.format(
            Locale.ROOT,
            "%-12s %10.1f %12.3f %6.1f%%",
            name,
            nanos / 1e6,
            per == 0 ? 0.0 : nanos / 1e6 / per,
            totalNanos == 0 ? 0.0 : 100.0 * nanos / totalNanos));
  }
}
