package org.fednpg.core.robust;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.run.AgentProcess;
import org.fednpg.api.run.Aggregation;
import org.fednpg.api.run.Algorithm;

/**
 * An algorithm whose agents {@code ids} are replaced by adversaries; everything else (exchanges,
 * aggregation, τ, theory) is the honest algorithm's. The manifest gains an {@code adversary}
 * entry naming the attack, the adversaries and that the metrics cover the honest agents only.
 */
public final class AdversarialAlgorithm implements Algorithm {

  private final Algorithm base;
  private final List<AgentProcess> agents;
  private final int[] adversaries;
  private final Map<String, Object> info;

  /**
   * @param base the honest algorithm
   * @param agents its agents with the adversaries' wrapped
   * @param adversaries the adversaries' ids, sorted
   * @param spec the adversary block
   */
  public AdversarialAlgorithm(
      Algorithm base, List<AgentProcess> agents, int[] adversaries, AdversarySpec spec) {
    this.base = base;
    this.agents = List.copyOf(agents);
    this.adversaries = adversaries.clone();
    Map<String, Object> m = new LinkedHashMap<>(base.manifestInfo());
    Map<String, Object> adv = new LinkedHashMap<>();
    adv.put("attack", spec.attack());
    adv.put("agents", java.util.Arrays.stream(adversaries).boxed().toList());
    switch (spec.kind()) {
      case SCALED -> adv.put("scale", spec.scale());
      case RANDOM -> adv.put("sigma", spec.sigma());
      case CONSTANT -> adv.put("value", spec.value());
      case STALE -> adv.put("lag", spec.lag());
      case LIE_Q -> adv.put("lie", "negated reward");
      default -> { }
    }
    adv.put("metrics", "honest agents only: r̄, the oracle, value, optimality_gap, consensus and "
        + "the agent columns use the honest agents' average reward and their policies");
    m.put("adversary", adv);
    m.put("aggregation", base.aggregation().describe());
    this.info = Collections.unmodifiableMap(m);
  }

  /** The adversaries' ids (a copy). */
  public int[] adversaries() {
    return adversaries.clone();
  }

  @Override
  public List<AgentProcess> agents() {
    return agents;
  }

  @Override
  public int exchangesPerIteration() {
    return base.exchangesPerIteration();
  }

  @Override
  public boolean usesTopology() {
    return base.usesTopology();
  }

  @Override
  public Aggregation aggregation() {
    return base.aggregation();
  }

  @Override
  public double tau() {
    return base.tau();
  }

  @Override
  public Map<String, Object> manifestInfo() {
    return info;
  }

  @Override
  public Map<String, Object> theory() {
    return base.theory();
  }

  @Override
  public Map<String, Object> theory(long iterations) {
    return base.theory(iterations);
  }
}
