package org.fednpg.experiments.runner;

import java.util.Locale;
import java.util.Map;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.Parameters;
import org.fednpg.experiments.spec.ExperimentSpec;

/**
 * An up-front estimate of a cell's memory, checked against the JVM's max heap before anything is
 * built, so that a mistyped size is refused in a second instead of thrashing for minutes.
 *
 * <p>Our choice of model (a lower bound, from the environment's parameters as written): per agent
 * {@value #TABLES} tables of |S|·|A| doubles (policy, Q estimate, tracking, rewards), plus the
 * transition kernel at {@value #KERNEL_ENTRY} bytes per (s, a, s') entry with min(branching, |S|)
 * entries per (s, a), plus {@value #ROW} bytes per metrics row kept in memory. |S| is {@code
 * states}, or {@code size}² (grids); |A| is {@code actions}, or 4 for grids; N is {@code agents}
 * (default 1). An environment without these keys (a file, a classic benchmark) is estimated from
 * its metrics rows only; its file is bounded by the input size cap.
 */
final class MemoryEstimate {

  static final int TABLES = 4;
  static final int KERNEL_ENTRY = 12;
  static final int ROW = 112;

  private MemoryEstimate() {}

  /**
   * Refuses when {@code parallel} cells of this estimate would not fit into the max heap.
   *
   * @param spec the cell's spec
   * @param env the environment's resolved parameters
   * @param parallel cells run at the same time
   * @param maxHeap the JVM's max heap, bytes
   */
  static void check(ExperimentSpec spec, Parameters env, int parallel, long maxHeap) {
    Map<String, Object> p = env.asMap();
    double size = num(p, "size", 0);
    double states = p.containsKey("states") ? num(p, "states", 0) : size * size;
    double actions = num(p, "actions", size > 0 ? 4 : 0);
    double agents = num(p, "agents", 1);
    double branching = Math.min(num(p, "branching", states), states);
    double tables = agents * states * actions * TABLES * Double.BYTES;
    double kernel = states * actions * branching * KERNEL_ENTRY;
    double rows = ((double) spec.iterations() / spec.metricsEvery() + 2) * ROW;
    double total = (tables + kernel + rows) * parallel;
    if (total <= maxHeap) {
      return;
    }
    String key;
    String value;
    if (rows >= tables && rows >= kernel) {
      key = "iterations";
      value = String.valueOf(spec.iterations());
    } else {
      key =
          "environment."
              + (tables >= kernel && agents >= states
                  ? "agents"
                  : p.containsKey("states") ? "states" : "size");
      value = String.valueOf(p.get(key.substring("environment.".length())));
    }
    throw new InvalidInputException(
        String.format(
            Locale.ROOT,
            "%s = %s: memory estimate %s (%.0f agents x %.0f states x %.0f actions x %d tables x 8 "
                + "bytes = %s, kernel %s, metrics rows %s%s) is more than the JVM's max heap of %s; "
                + "make it smaller, or give Java more memory (FEDNPG_JAVA_OPTS=-Xmx...)",
            key,
            value,
            bytes(total),
            agents,
            states,
            actions,
            TABLES,
            bytes(tables),
            bytes(kernel),
            bytes(rows),
            parallel > 1 ? ", times " + parallel + " cells at once" : "",
            bytes(maxHeap)));
  }

  private static double num(Map<String, Object> p, String key, double fallback) {
    return p.get(key) instanceof Number n ? n.doubleValue() : fallback;
  }

  /** Bytes as a short decimal amount (GB, MB, kB). */
  static String bytes(double b) {
    if (b >= 1e9) {
      return String.format(Locale.ROOT, "%.1f GB", b / 1e9);
    }
    if (b >= 1e6) {
      return String.format(Locale.ROOT, "%.1f MB", b / 1e6);
    }
    return String.format(Locale.ROOT, "%.1f kB", b / 1e3);
  }
}
