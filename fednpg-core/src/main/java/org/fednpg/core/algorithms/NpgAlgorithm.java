package org.fednpg.core.algorithms;

import java.util.List;
import java.util.Map;
import org.fednpg.api.run.AgentProcess;
import org.fednpg.api.run.Aggregation;
import org.fednpg.api.run.Algorithm;
import org.fednpg.core.theory.NpgTheory;

/**
 * A set of {@link NpgAgent}s: FedNPG, the naive baseline, or centralised NPG (one agent). On a
 * cluster node the agents hosted elsewhere are {@link AgentProcess#elsewhere} placeholders.
 */
public final class NpgAlgorithm implements Algorithm {

  private final List<AgentProcess> agents;
  private final int exchanges;
  private final boolean tracking;
  private final boolean federated;
  private final double tau;
  private final Map<String, Object> info;
  private final NpgTheory theory;
  private final Aggregation aggregation;

  /**
   * @param agents the agents (copied; placeholders for agents hosted elsewhere)
   * @param exchanges exchanges per iteration
   * @param tracking whether they track the global Q (FedNPG) or use their local Q (naive)
   * @param federated whether they mix through the topology (false: centralised NPG)
   * @param tau τ
   * @param info the manifest facts
   * @param theory the inputs of the manifest's theory block (null: no block)
   * @param aggregation the rule that combines neighbours' tables (issue 20)
   */
  NpgAlgorithm(
      List<? extends AgentProcess> agents,
      int exchanges,
      boolean tracking,
      boolean federated,
      double tau,
      Map<String, Object> info,
      NpgTheory theory,
      Aggregation aggregation) {
    this.aggregation = aggregation;
    this.theory = theory;
    this.agents = List.copyOf(agents);
    this.exchanges = exchanges;
    this.tracking = tracking;
    this.federated = federated;
    this.tau = tau;
    this.info = info;
  }

  @Override
  public List<AgentProcess> agents() {
    return agents;
  }

  @Override
  public int exchangesPerIteration() {
    return exchanges;
  }

  @Override
  public boolean usesTopology() {
    return federated;
  }

  @Override
  public Aggregation aggregation() {
    return aggregation;
  }

  @Override
  public double tau() {
    return tau;
  }

  @Override
  public Map<String, Object> manifestInfo() {
    return info;
  }

  /** The theory block without T: Theorem 3.3's step size is null (see {@link #theory(long)}). */
  @Override
  public Map<String, Object> theory() {
    return theory(0);
  }

  @Override
  public Map<String, Object> theory(long iterations) {
    return theory == null ? Map.of() : theory.report(iterations);
  }
}
