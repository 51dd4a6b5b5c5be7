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
 * aggregation, τ, theory) is the honest algorithm's. The manifest gains an {@code adversary} entry
 * naming the attack, the adversaries and that the metrics cover the honest agents only.
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
    List<AgentProcess> wrapped = new java.util.ArrayList<>(agents.size());
    for (int n = 0; n < agents.size(); n++) {
      AgentProcess a = agents.get(n);
      wrapped.add(java.util.Arrays.binarySearch(adversaries, n) >= 0 ? a : new Honest(a));
    }
    this.agents = List.copyOf(wrapped);
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
      default -> {}
    }
    adv.put(
        "metrics",
        "honest agents only: r̄, the oracle, value, optimality_gap, consensus and "
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

  /**
   * The manifest facts, with {@code honest_tracking_drift}: ‖(1/H)Σ_h T_h − (1/H)Σ_h q_h‖_∞ over
   * the H honest agents' current tracking tables T and local Q estimates q (their checkpoint tables
   * {@code tracker} and {@code q}). With the mean, a doubly stochastic W and no adversary it is
   * zero up to rounding (the paper's tracking invariant); robust rules and adversaries break it.
   * Null when the agents keep no tracking table or did not run in this process (on the Pekko
   * runtime the agents run on the nodes). The run's metrics read it on every row (the {@code
   * honest_tracking_drift} column); the manifest keeps the end-of-run value.
   */
  @Override
  public Map<String, Object> manifestInfo() {
    Map<String, Object> m = new LinkedHashMap<>(info);
    @SuppressWarnings("unchecked")
    Map<String, Object> adv = new LinkedHashMap<>((Map<String, Object>) m.get("adversary"));
    adv.put("honest_tracking_drift", honestTrackingDrift());
    m.put("adversary", Collections.unmodifiableMap(adv));
    return Collections.unmodifiableMap(m);
  }

  /** See {@link #manifestInfo()}; null when it cannot be measured here. */
  public Double honestTrackingDrift() {
    List<double[][]> tables = new java.util.ArrayList<>();
    for (AgentProcess a : agents) {
      if (a instanceof Honest honest) {
        double[][] t = honest.ran ? driftTables(honest) : null;
        if (t == null) {
          return null;
        }
        tables.add(t);
      }
    }
    return drift(tables);
  }

  /**
   * An honest agent's {@code {tracker, q}} tables (copies from its snapshot), what the drift is
   * computed from; null for an adversary or an agent without a tracking table. The Pekko runtime
   * ships them from the nodes on metrics rows.
   */
  public static double[][] driftTables(AgentProcess agent) {
    if (!(agent instanceof Honest)) {
      return null;
    }
    Map<String, double[]> tables = agent.snapshot().tables();
    double[] tn = tables.get("tracker");
    double[] qn = tables.get("q");
    return tn == null || qn == null ? null : new double[][] {tn, qn};
  }

  /**
   * ‖(1/H)Σ_h T_h − (1/H)Σ_h q_h‖∞ over the honest agents' {@link #driftTables} in agent order (the
   * one definition, for every runtime); null for none.
   */
  public static Double drift(List<double[][]> honestTables) {
    if (honestTables.isEmpty()) {
      return null;
    }
    int len = honestTables.get(0)[0].length;
    double[] t = new double[len];
    double[] q = new double[len];
    for (double[][] h : honestTables) {
      for (int i = 0; i < len; i++) {
        t[i] += h[0][i];
        q[i] += h[1][i];
      }
    }
    int h = honestTables.size();
    double drift = 0;
    for (int i = 0; i < len; i++) {
      drift = Math.max(drift, Math.abs(t[i] / h - q[i] / h));
    }
    return drift;
  }

  /** An honest agent, unchanged; remembers whether it ran in this process. */
  private static final class Honest implements AgentProcess {
    private final AgentProcess inner;
    private volatile boolean ran;

    Honest(AgentProcess inner) {
      this.inner = inner;
    }

    @Override
    public void initialize() {
      ran = true;
      inner.initialize();
    }

    @Override
    public double[] send(long iteration, int exchange) {
      return inner.send(iteration, exchange);
    }

    @Override
    public void receive(long iteration, int exchange, double[] mixed) {
      inner.receive(iteration, exchange, mixed);
    }

    @Override
    public org.fednpg.api.model.LogPolicy policy() {
      return inner.policy();
    }

    @Override
    public long samples() {
      return inner.samples();
    }

    @Override
    public org.fednpg.api.run.AgentState snapshot() {
      return inner.snapshot();
    }

    @Override
    public void restore(org.fednpg.api.run.AgentState state) {
      ran = true;
      inner.restore(state);
    }
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
