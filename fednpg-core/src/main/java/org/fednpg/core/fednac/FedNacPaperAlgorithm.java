package org.fednpg.core.fednac;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The paper's FedNAC (Algorithm 3): {@link FedNacPaperAgent}s mixing through the topology, two
 * exchanges per iteration (tracker, then actor); τ = 0. Its {@link #theory()} holds the constants
 * of Theorem E.10 for the run and the approximation floor.
 */
final class FedNacPaperAlgorithm extends LinearAlgorithmBase<FedNacPaperAgent> {

  private final Map<String, Object> theoryBase;

  FedNacPaperAlgorithm(
      List<FedNacPaperAgent> agents,
      Map<String, Object> info,
      Map<String, Object> theoryBase,
      Supplier<Map<String, Object>> approximation) {
    super(agents, info, approximation);
    this.theoryBase = theoryBase;
  }

  @Override
  public double tau() {
    return 0;
  }

  /**
   * C_φ, μ, L_Q, {@code beta_theory} (statement and proof forms), {@code alpha1} (null when σ = 0),
   * the run's α and β with their ratios to the theory's values, and the approximation floor (the
   * same map as the manifest's {@code approximation_error}).
   */
  @Override
  public Map<String, Object> theory() {
    Map<String, Object> m = new LinkedHashMap<>(theoryBase);
    m.put("approximation_floor", floor());
    return Collections.unmodifiableMap(m);
  }
}
