package org.fednpg.api.run;

import java.util.Collections;
import java.util.LinkedHashMap;
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

  /**
   * How each agent combines its neighbours' tables; {@link Aggregation#MEAN} (Σ_m W_nm x_m, the
   * paper's mixing) unless the algorithm chooses a robust rule.
   */
  default Aggregation aggregation() {
    return Aggregation.MEAN;
  }

  /** Entropy regularisation τ the metrics use. */
  double tau();

  /**
   * Extra facts for the manifest; deterministic values, as for {@link
   * org.fednpg.api.Environment#manifestInfo()} (the cluster compares them between nodes).
   */
  default Map<String, Object> manifestInfo() {
    return Map.of();
  }

  /**
   * The theory's quantities for this run (step-size bounds, certified rates, constants), written as
   * the manifest's {@code theory} block; empty when the algorithm has none. Keys in a fixed order,
   * values numbers, strings, booleans, nested maps or null (a bound that does not exist), and
   * deterministic: the same run gives the same map in every JVM.
   */
  default Map<String, Object> theory() {
    return Map.of();
  }

  /**
   * {@link #theory()} for a run of {@code iterations} iterations T, for results that depend on T
   * (e.g. Theorem 3.3's step size); the runner, which knows T, calls this one. Defaults to {@link
   * #theory()}.
   */
  default Map<String, Object> theory(long iterations) {
    return theory();
  }

  /**
   * An algorithm from its agents: they communicate through the topology, with {@code
   * exchangesPerIteration} exchanges per iteration, at regularisation {@code tau}.
   */
  static Algorithm of(List<? extends AgentProcess> agents, int exchangesPerIteration, double tau) {
    return of(agents, exchangesPerIteration, tau, true, Map.of());
  }

  /**
   * An algorithm from its agents with every property given.
   *
   * @param agents the agent processes, index = agent id (copied)
   * @param exchangesPerIteration exchanges per iteration, at least 1
   * @param tau entropy regularisation τ the metrics use
   * @param usesTopology false for a method whose single agent is not mixed
   * @param manifestInfo extra facts for the manifest (copied; deterministic values)
   */
  static Algorithm of(
      List<? extends AgentProcess> agents,
      int exchangesPerIteration,
      double tau,
      boolean usesTopology,
      Map<String, Object> manifestInfo) {
    if (agents.isEmpty()) {
      throw new IllegalArgumentException("an algorithm needs at least one agent");
    }
    if (exchangesPerIteration < 1) {
      throw new IllegalArgumentException(
          "exchanges per iteration must be >= 1, got " + exchangesPerIteration);
    }
    return new Simple(
        List.copyOf(agents),
        exchangesPerIteration,
        tau,
        usesTopology,
        Collections.unmodifiableMap(new LinkedHashMap<>(manifestInfo)));
  }

  /**
   * The algorithm {@link #of} returns: its properties as given.
   *
   * @param agents the agent processes, index = agent id
   * @param exchangesPerIteration exchanges per iteration
   * @param tau entropy regularisation τ
   * @param usesTopology whether agents mix through W
   * @param manifestInfo extra facts for the manifest
   */
  record Simple(
      List<? extends AgentProcess> agents,
      int exchangesPerIteration,
      double tau,
      boolean usesTopology,
      Map<String, Object> manifestInfo)
      implements Algorithm {}
}
