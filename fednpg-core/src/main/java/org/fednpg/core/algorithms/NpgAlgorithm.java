package org.fednpg.core.algorithms;

import java.util.List;
import java.util.Map;
import org.fednpg.api.run.Algorithm;

/** A set of {@link NpgAgent}s: FedNPG, the naive baseline, or centralised NPG (one agent). */
public final class NpgAlgorithm implements Algorithm {

  private final List<NpgAgent> agents;
  private final boolean tracking;
  private final boolean federated;
  private final double tau;
  private final Map<String, Object> info;

  NpgAlgorithm(
      List<NpgAgent> agents, boolean tracking, boolean federated, double tau, Map<String, Object> info) {
    this.agents = List.copyOf(agents);
    this.tracking = tracking;
    this.federated = federated;
    this.tau = tau;
    this.info = info;
  }

  @Override
  public List<NpgAgent> agents() {
    return agents;
  }

  @Override
  public int exchangesPerIteration() {
    return agents.get(0).exchanges();
  }

  @Override
  public boolean usesTopology() {
    return federated;
  }

  @Override
  public double tau() {
    return tau;
  }

  @Override
  public Map<String, Object> manifestInfo() {
    return info;
  }
}
