package org.fednpg.api.run;

import org.fednpg.api.model.LogPolicy;

/**
 * One agent of a decentralised algorithm. It owns its private reward and state; the only thing that
 * leaves it is the table returned by {@link #send}. Per iteration t the runtime calls, for each
 * exchange k = 0..K−1 in order, {@code send(t, k)} on every agent, mixes, then {@code receive(t, k,
 * Σ_m W_nm x_m)} on every agent. Calls for one agent are never concurrent; different agents may run
 * on different threads or machines.
 */
public interface AgentProcess {

  /** Local set-up before iteration 0 (e.g. the first policy evaluation). */
  void initialize();

  /**
   * The table this agent offers in exchange {@code exchange} of {@code iteration}. The runtime
   * reads it before the next call on this agent and never writes to it.
   */
  double[] send(long iteration, int exchange);

  /** The mixed table Σ_m W_nm x_m for this agent; owned by the runtime, copy what you keep. */
  void receive(long iteration, int exchange, double[] mixed);

  /** The agent's current policy π_n^(t). */
  LogPolicy policy();

  /** Simulated transitions used so far by this agent (0 with exact evaluation). */
  long samples();

  /**
   * The complete state after a finished iteration (for checkpoints). Agents that cannot be
   * checkpointed keep this default, which refuses.
   */
  default AgentState snapshot() {
    throw new UnsupportedOperationException(getClass().getName() + " does not support checkpoints");
  }

  /** Replaces the state with one from {@link #snapshot()} of an agent of the same run. */
  default void restore(AgentState state) {
    throw new UnsupportedOperationException(getClass().getName() + " does not support checkpoints");
  }

  /**
   * A placeholder for agent {@code agent} when it is hosted elsewhere (a cluster node builds only
   * its own agents): every method throws {@link IllegalStateException}.
   */
  static AgentProcess elsewhere(int agent) {
    return new Elsewhere(agent);
  }

  /** Whether this is an {@link #elsewhere} placeholder. */
  default boolean isElsewhere() {
    return false;
  }
}
