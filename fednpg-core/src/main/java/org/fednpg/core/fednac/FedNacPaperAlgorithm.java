package org.fednpg.core.fednac;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.fednpg.api.run.Algorithm;

/**
 * The paper's FedNAC (Algorithm 3): {@link FedNacPaperAgent}s mixing through the topology, two
 * exchanges per iteration (tracker, then actor); τ = 0. Its {@link #theory()} holds the constants
 * of Theorem E.10 for the run and the approximation floor.
 */
final class FedNacPaperAlgorithm implements Algorithm {

  private final List<FedNacPaperAgent> agents;
  private final Map<String, Object> info;
  private final Map<String, Object> theoryBase;
  private final Supplier<Map<String, Object>> approximation;
  private Map<String, Object> floor;

  FedNacPaperAlgorithm(List<FedNacPaperAgent> agents, Map<String, Object> info,
      Map<String, Object> theoryBase, Supplier<Map<String, Object>> approximation) {
    this.agents = List.copyOf(agents);
    this.info = info;
    this.theoryBase = theoryBase;
    this.approximation = approximation;
  }

  @Override
  public List<FedNacPaperAgent> agents() {
    return agents;
  }

  @Override
  public int exchangesPerIteration() {
    return 2;
  }

  @Override
  public double tau() {
    return 0;
  }

  private synchronized Map<String, Object> floor() {
    if (floor == null) {
      floor = approximation.get();
    }
    return floor;
  }

  /** The run's facts plus {@code approximation_error} (needs the oracle's Q*; computed once). */
  @Override
  public Map<String, Object> manifestInfo() {
    Map<String, Object> m = new LinkedHashMap<>(info);
    m.put("approximation_error", floor());
    return Collections.unmodifiableMap(m);
  }

  /**
   * C_φ, μ, L_Q, {@code beta_theory} (statement and proof forms), {@code alpha1} (null when
   * σ = 0), the run's α and β with their ratios to the theory's values, and the approximation
   * floor (the same map as the manifest's {@code approximation_error}).
   */
  @Override
  public Map<String, Object> theory() {
    Map<String, Object> m = new LinkedHashMap<>(theoryBase);
    m.put("approximation_floor", floor());
    return Collections.unmodifiableMap(m);
  }
}
