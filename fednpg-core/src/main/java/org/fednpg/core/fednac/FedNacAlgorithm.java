package org.fednpg.core.fednac;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A set of {@link FedNacAgent}s mixing through the topology, two exchanges per iteration. */
public final class FedNacAlgorithm extends LinearAlgorithmBase<FedNacAgent> {

  private final double tau;

  FedNacAlgorithm(
      List<FedNacAgent> agents,
      double tau,
      Map<String, Object> info,
      Supplier<Map<String, Object>> approximation) {
    super(agents, info, approximation);
    this.tau = tau;
  }

  @Override
  public double tau() {
    return tau;
  }
}
