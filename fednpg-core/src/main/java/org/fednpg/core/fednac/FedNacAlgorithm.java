package org.fednpg.core.fednac;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.fednpg.api.run.Algorithm;

/** A set of {@link FedNacAgent}s mixing through the topology, two exchanges per iteration. */
public final class FedNacAlgorithm implements Algorithm {

  private final List<FedNacAgent> agents;
  private final double tau;
  private final Map<String, Object> info;
  private final Supplier<Map<String, Object>> approximation;
  private Map<String, Object> manifest;

  FedNacAlgorithm(List<FedNacAgent> agents, double tau, Map<String, Object> info,
      Supplier<Map<String, Object>> approximation) {
    this.agents = List.copyOf(agents);
    this.tau = tau;
    this.info = info;
    this.approximation = approximation;
  }

  @Override
  public List<FedNacAgent> agents() {
    return agents;
  }

  @Override
  public int exchangesPerIteration() {
    return 2;
  }

  @Override
  public double tau() {
    return tau;
  }

  /**
   * The run's facts plus {@code approximation_error} (computed on first call: it needs the
   * oracle's Q_τ*).
   */
  @Override
  public synchronized Map<String, Object> manifestInfo() {
    if (manifest == null) {
      Map<String, Object> m = new LinkedHashMap<>(info);
      m.put("approximation_error", approximation.get());
      manifest = Collections.unmodifiableMap(m);
    }
    return manifest;
  }
}
