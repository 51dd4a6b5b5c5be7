package org.fednpg.api.run;

import java.util.List;
import java.util.Map;

/** A decentralised algorithm instance ready to run: its agents and how they communicate. */
public interface Algorithm {

  /** The agent processes, index = agent id. */
  List<? extends AgentProcess> agents();

  /** Exchanges per iteration (e.g. 2 for FedNPG: policies, then tracking tables). */
  int exchangesPerIteration();

  /**
   * Whether agents mix through the topology's W. Centralised methods return false: their single
   * agent is "mixed" with the 1×1 identity.
   */
  default boolean usesTopology() {
    return true;
  }

  /** Entropy regularisation τ the metrics use. */
  double tau();

  /** Extra facts for the manifest. */
  default Map<String, Object> manifestInfo() {
    return Map.of();
  }

  /**
   * The theory's quantities for this run (step-size bounds, certified rates, constants), written
   * as the manifest's {@code theory} block; empty when the algorithm has none. Keys in a fixed
   * order, values numbers, strings, booleans, nested maps or null (a bound that does not exist),
   * and deterministic: the same run gives the same map in every JVM.
   */
  default Map<String, Object> theory() {
    return Map.of();
  }

  /**
   * {@link #theory()} for a run of {@code iterations} iterations T, for results that depend on T
   * (e.g. Theorem 3.3's step size); the runner, which knows T, calls this one. Defaults to
   * {@link #theory()}.
   */
  default Map<String, Object> theory(long iterations) {
    return theory();
  }
}
