package org.fednpg.core.runtime;

import java.util.List;
import org.fednpg.api.run.AgentState;

/**
 * A run's state after a finished iteration: enough to continue it bit for bit.
 *
 * @param iteration iterations completed
 * @param elapsedMs wall time used so far (elapsed_ms continues from here after a resume)
 * @param messages messages sent so far
 * @param bytesSent bytes sent so far
 * @param agents every agent's state, by index
 */
public record Checkpoint(
    long iteration, long elapsedMs, long messages, long bytesSent, List<AgentState> agents) {

  public Checkpoint {
    agents = List.copyOf(agents);
  }
}
