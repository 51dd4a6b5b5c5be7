package org.fednpg.topologies.providers;

import java.util.List;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.Topology;
import org.fednpg.api.TopologyContext;
import org.fednpg.api.TopologyProvider;
import org.fednpg.topologies.CommunicationGraph;
import org.fednpg.topologies.DirectedRingWeights;
import org.fednpg.topologies.GraphTopology;
import org.fednpg.topologies.Stochasticity;

/**
 * {@code directed-ring}: agent n receives from agents n+1, …, n+k (mod N), the paper's graphs (Eq.
 * (312) is k = 1 with equal weights; Figure 4 varies k). Parameters {@code neighbors} k in [1, N−1]
 * (default 1), {@code weights} {@code equal} (default) or {@code random} (row-stochastic only:
 * needs {@code stochastic: row}), {@code drop} and {@code stochastic} as in every family. See
 * {@link DirectedRingWeights}.
 */
public final class DirectedRingTopologyProvider implements TopologyProvider {

  @Override
  public String name() {
    return "directed-ring";
  }

  @Override
  public String description() {
    return "agent n receives from n+1..n+k (mod N); weights equal (k=1: the paper's Eq. (312)) "
        + "or random (row-stochastic, needs stochastic: row)";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.optional(
            "neighbors",
            ParameterType.INTEGER,
            1L,
            "agents k each agent receives from (n+1..n+k mod N); 1 <= k <= N-1"),
        ParameterSpec.choice(
            "weights",
            "equal",
            "equal: 1/(k+1) on each non-zero of a row, self included; random: a seeded random "
                + "probability vector per row (row-stochastic only)",
            DirectedRingWeights.NAMES.toArray(new String[0])),
        ParameterSpec.optional(
            "drop",
            ParameterType.NUMBER,
            0.0,
            "probability in [0, 1) that each link fails independently in each round (needs "
                + "stochastic: row)"),
        GraphTopologyProvider.STOCHASTIC);
  }

  @Override
  public Topology create(Parameters parameters, TopologyContext context) {
    String where = parameters.owner();
    double drop = parameters.getDouble("drop");
    if (!(drop >= 0 && drop < 1)) {
      throw parameters.invalid("drop", "must be in [0, 1)");
    }
    int n = context.agents();
    if (n < 2) {
      throw parameters.invalid("neighbors", "a directed ring needs at least 2 agents, got " + n);
    }
    int k = parameters.getInt("neighbors");
    if (k < 1 || k > n - 1) {
      throw parameters.invalid("neighbors", "must be in [1, " + (n - 1) + "] (N = " + n + ")");
    }
    CommunicationGraph graph = DirectedRingWeights.graph(n, k);
    DirectedRingWeights rule = DirectedRingWeights.byName(parameters.getString("weights"), k);
    return GraphTopology.create(
        where,
        graph,
        rule,
        drop,
        context.random(),
        Stochasticity.byName(parameters.getString("stochastic")));
  }
}
