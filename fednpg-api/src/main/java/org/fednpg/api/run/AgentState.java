package org.fednpg.api.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An agent's complete state between iterations, for checkpoints and migration: named tables and the
 * samples counter. Restoring it into a freshly built agent of the same run must continue the run
 * bit for bit (random streams are keyed by agent and iteration, so they carry no state).
 *
 * @param tables named tables (copied on construction)
 * @param samples simulated transitions used so far
 */
public record AgentState(Map<String, double[]> tables, long samples) {

  public AgentState {
    Map<String, double[]> copy = new LinkedHashMap<>();
    tables.forEach((k, v) -> copy.put(k, v.clone()));
    tables = Collections.unmodifiableMap(copy);
  }

  /** A copy of one table; fails with the available names when absent. */
  public double[] table(String name) {
    double[] t = tables.get(name);
    if (t == null) {
      throw new IllegalArgumentException(
          "no table '" + name + "' in agent state; has " + tables.keySet());
    }
    return t.clone();
  }
}
