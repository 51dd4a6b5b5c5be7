package org.fednpg.core.fednac;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.fednpg.api.run.Algorithm;

/**
 * What both FedNAC algorithms share: their agents, two exchanges per iteration, and the manifest
 * facts plus {@code approximation_error} (the floor needs the oracle's Q*, so it is computed once,
 * on first use).
 *
 * @param <A> the agent type
 */
abstract class LinearAlgorithmBase<A extends LinearAgentBase> implements Algorithm {

  private final List<A> agents;
  private final Map<String, Object> info;
  private final Supplier<Map<String, Object>> approximation;
  private Map<String, Object> floor;

  LinearAlgorithmBase(
      List<A> agents, Map<String, Object> info, Supplier<Map<String, Object>> approximation) {
    this.agents = List.copyOf(agents);
    this.info = info;
    this.approximation = approximation;
  }

  @Override
  public final List<A> agents() {
    return agents;
  }

  @Override
  public final int exchangesPerIteration() {
    return 2;
  }

  /** The approximation floor (computed on first call). */
  final synchronized Map<String, Object> floor() {
    if (floor == null) {
      floor = approximation.get();
    }
    return floor;
  }

  /** The run's facts plus {@code approximation_error}. */
  @Override
  public final Map<String, Object> manifestInfo() {
    Map<String, Object> m = new LinkedHashMap<>(info);
    m.put("approximation_error", floor());
    return Collections.unmodifiableMap(m);
  }
}
