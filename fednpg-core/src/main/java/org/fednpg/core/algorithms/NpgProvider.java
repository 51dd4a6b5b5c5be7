package org.fednpg.core.algorithms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.run.AgentProcess;
import org.fednpg.api.run.Aggregation;
import org.fednpg.api.run.Algorithm;
import org.fednpg.api.run.AlgorithmContext;
import org.fednpg.api.run.AlgorithmProvider;
import org.fednpg.core.robust.RobustAggregation;
import org.fednpg.core.theory.NpgTheory;

/**
 * Shared parameters and construction of the NPG family; subclasses fix the variant. Parameters:
 * {@code eta} (η &gt; 0) and {@code tau} (τ ≥ 0), with 0 &lt; η ≤ (1−γ)/τ required when τ &gt; 0.
 */
public abstract class NpgProvider implements AlgorithmProvider {

  /** Default step size, the paper's experiments' η. */
  public static final double DEFAULT_ETA = 0.1;

  private final boolean tracking;
  private final boolean federated;

  NpgProvider(boolean tracking, boolean federated) {
    this.tracking = tracking;
    this.federated = federated;
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.optional("eta", ParameterType.NUMBER, DEFAULT_ETA, "step size η > 0"),
        ParameterSpec.optional(
            "tau", ParameterType.NUMBER, 0.0, "entropy regularisation τ ≥ 0 (needs η ≤ (1−γ)/τ)"),
        ParameterSpec.choice(
            "aggregation",
            "mean",
            "how an agent combines its neighbours' tables (beyond the paper): mean (Σ_m W_nm x_m),"
                + " trimmed-mean, median or clipped",
            RobustAggregation.NAMES.toArray(new String[0])),
        ParameterSpec.optional(
            "trim",
            ParameterType.INTEGER,
            1L,
            "b of aggregation trimmed-mean: values dropped at each end (needs degree ≥ 2b)"),
        ParameterSpec.optional(
            "clip",
            ParameterType.NUMBER,
            1.0,
            "radius of aggregation clipped (ℓ2 norm of a neighbour's difference table)"));
  }

  /** The naive reading chosen by the parameters, null for FedNPG and centralised NPG. */
  NaiveVariant naiveVariant(Parameters parameters) {
    return null;
  }

  /**
   * Yes for the federated variants: only the hosted agents are built. Centralised NPG's single
   * agent needs r̄, so a node hosting it builds it from the complete model (our choice: no
   * partial-model shortcut for one agent).
   */
  @Override
  public boolean buildsHostedAgentsOnly() {
    return federated;
  }

  @Override
  public Algorithm create(Parameters parameters, AlgorithmContext context) {
    MultiTaskMdp mdp = context.mdp();
    double eta = parameters.getDouble("eta");
    double tau = parameters.getDouble("tau");
    checkStep(parameters.owner(), eta, tau, mdp.gamma());
    if (context.evaluator() == null) {
      throw new InvalidInputException(parameters.owner() + " needs an evaluator block");
    }
    LogPolicy start = LogPolicy.uniform(mdp.states(), mdp.actions());
    NaiveVariant naive = tracking ? null : naiveVariant(parameters);
    int exchanges = tracking || naive == NaiveVariant.MIXED_Q ? 2 : 1;
    List<AgentProcess> agents = new ArrayList<>();
    if (federated) {
      if (context.topology() == null) {
        throw new InvalidInputException(
            parameters.owner()
                + " communicates: the spec needs a topology block (e.g. topology: {type: ring})");
      }
      if (context.topology().agents() != mdp.agents()) {
        throw new InvalidInputException(
            parameters.owner()
                + ": topology has "
                + context.topology().agents()
                + " agents but the environment has "
                + mdp.agents());
      }
      for (int n = 0; n < mdp.agents(); n++) {
        if (!context.builds(n)) {
          agents.add(AgentProcess.elsewhere(n));
          continue;
        }
        agents.add(
            new NpgAgent(
                n,
                mdp.reward(n),
                context.evaluator(),
                start,
                eta,
                tau,
                mdp.gamma(),
                tracking,
                naive));
      }
    } else {
      agents.add(
          context.builds(0)
              ? new NpgAgent(
                  0, mdp.averagedReward(), context.evaluator(), start, eta, tau, mdp.gamma(), false)
              : AgentProcess.elsewhere(0));
    }
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("variant", name());
    if (naive != null) {
      info.put("naive_variant", naive.specName());
    }
    info.put("exchanges_per_iteration", exchanges);
    Aggregation aggregation =
        RobustAggregation.of(
            parameters.owner(),
            parameters.getString("aggregation"),
            Math.toIntExact(parameters.getLong("trim")),
            parameters.getDouble("clip"));
    if (federated) {
      RobustAggregation.checkDegree(parameters.owner(), aggregation, context.topology().mixing(0));
    }
    if (aggregation != Aggregation.MEAN) {
      info.put("aggregation", aggregation.describe());
    }
    NpgTheory theory =
        federated
            ? NpgTheory.of(tracking, context.topology(), eta, tau, mdp.gamma(), mdp.actions())
            : null;
    return new NpgAlgorithm(agents, exchanges, tracking, federated, tau, info, theory, aggregation);
  }

  /**
   * Refuses η ≤ 0 and, for τ &gt; 0, η &gt; (1−γ)/τ (SPEC §3).
   *
   * @throws InvalidInputException naming the value and the bound
   */
  public static void checkStep(String owner, double eta, double tau, double gamma) {
    if (!(eta > 0)) {
      throw new InvalidInputException(owner + ": parameter 'eta' must be > 0, got " + eta);
    }
    if (tau < 0) {
      throw new InvalidInputException(owner + ": parameter 'tau' must be >= 0, got " + tau);
    }
    if (tau > 0 && eta > (1 - gamma) / tau * (1 + 1e-12)) {
      throw new InvalidInputException(
          owner
              + ": parameter 'eta' = "
              + eta
              + " exceeds (1-gamma)/tau = "
              + (1 - gamma) / tau
              + " (gamma "
              + gamma
              + ", tau "
              + tau
              + "); use a smaller eta or tau");
    }
  }
}
