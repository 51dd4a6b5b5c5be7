package org.fednpg.topologies.providers;

import java.util.ArrayList;
import java.util.List;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.NamedProvider;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.Topology;
import org.fednpg.api.TopologyContext;
import org.fednpg.api.TopologyProvider;
import org.fednpg.topologies.CommunicationGraph;
import org.fednpg.topologies.GraphTopology;
import org.fednpg.topologies.Stochasticity;
import org.fednpg.topologies.WeightRule;
import org.fednpg.topologies.WeightRules;

/**
 * Base of the graph providers: a subclass builds the graph, this class adds the shared parameters
 * {@code weights} (a rule of {@link WeightRules}; default {@code metropolis}, {@code equal} for the
 * ring as in the paper), {@code base} (the base rule of {@code lazy}, default metropolis), {@code
 * drop} (per-round link failure probability in [0, 1), default 0) and {@code stochastic} ({@code
 * doubly}, the default, or {@code row}: see {@link Stochasticity}), and builds a validated {@link
 * GraphTopology}. Random graph families draw from {@code context.random().child("graph")}.
 */
public abstract class GraphTopologyProvider extends NamedProvider implements TopologyProvider {

  /** Default cap on resampling a random graph until it is connected. */
  protected static final long DEFAULT_ATTEMPTS = 1000L;

  /** The {@code attempts} parameter of the random families that are resampled until connected. */
  protected static final ParameterSpec ATTEMPTS =
      ParameterSpec.optional(
          "attempts",
          ParameterType.INTEGER,
          DEFAULT_ATTEMPTS,
          "maximum samples drawn to find a connected graph");

  /**
   * @param name the provider name used in specs
   * @param description one line for {@code fednpg list}
   */
  protected GraphTopologyProvider(String name, String description) {
    super(name, description);
  }

  /** The parameters specific to this graph family (none by default). */
  protected List<ParameterSpec> graphParameters() {
    return List.of();
  }

  /**
   * Builds the graph for {@code context.agents()} agents; errors name the parameter and may omit
   * the provider (it is prefixed).
   */
  protected abstract CommunicationGraph graph(Parameters parameters, TopologyContext context);

  /** The shared {@code stochastic} parameter (SPEC §2). */
  public static final ParameterSpec STOCHASTIC =
      ParameterSpec.choice(
          "stochastic",
          "doubly",
          "which sums of W must be 1: doubly (rows and columns) or row (rows only; the tracking "
              + "average is then not preserved, a warning is logged)",
          Stochasticity.NAMES.toArray(new String[0]));

  /** The default of {@code weights}. */
  protected String defaultWeights() {
    return "metropolis";
  }

  @Override
  public final List<ParameterSpec> parameters() {
    List<ParameterSpec> specs = new ArrayList<>(graphParameters());
    specs.add(
        ParameterSpec.choice(
            "weights",
            defaultWeights(),
            "mixing-weight rule (SPEC §2)",
            WeightRules.NAMES.toArray(new String[0])));
    specs.add(
        new ParameterSpec(
            "base",
            ParameterType.STRING,
            null,
            false,
            "base rule of weights: lazy (default metropolis)",
            WeightRules.LAZY_BASES));
    specs.add(
        ParameterSpec.optional(
            "drop",
            ParameterType.NUMBER,
            0.0,
            "probability in [0, 1) that each link fails independently in each round"));
    specs.add(STOCHASTIC);
    return List.copyOf(specs);
  }

  @Override
  public final Topology create(Parameters parameters, TopologyContext context) {
    String where = parameters.owner();
    double drop = parameters.getDouble("drop");
    if (!(drop >= 0 && drop < 1)) {
      throw parameters.invalid("drop", "must be in [0, 1)");
    }
    String weights = parameters.getString("weights");
    if (parameters.has("base") && !weights.equals("lazy")) {
      throw parameters.invalid(
          "base", "applies only to weights: lazy (weights is " + weights + ")");
    }
    WeightRule rule =
        WeightRules.byName(weights, parameters.findString("base").orElse("metropolis"));
    CommunicationGraph graph;
    try {
      graph = graph(parameters, context);
    } catch (InvalidInputException e) {
      if (e.getMessage().startsWith(parameters.owner())) {
        throw e;
      }
      throw e.in(where);
    }
    return GraphTopology.create(
        where,
        graph,
        rule,
        drop,
        context.random(),
        Stochasticity.byName(parameters.getString("stochastic")));
  }

  /** Checks an integer parameter against [lo, hi] with a reason, naming the parameter. */
  protected static int intParameter(Parameters p, String name, int lo, int hi, String why) {
    int v = p.getInt(name);
    if (v < lo || v > hi) {
      throw p.invalid(name, "must be in [" + lo + ", " + hi + "]" + why);
    }
    return v;
  }
}
