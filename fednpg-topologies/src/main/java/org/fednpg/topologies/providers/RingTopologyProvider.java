package org.fednpg.topologies.providers;

import java.util.List;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.TopologyContext;
import org.fednpg.topologies.CommunicationGraph;
import org.fednpg.topologies.GraphGenerators;

/**
 * Ring of N agents, each linked to its {@code neighbors} nearest agents on either side (needs N ≥
 * 2k+1). Default weights {@code equal}, as in the paper's experiments.
 */
public final class RingTopologyProvider extends GraphTopologyProvider {

  public RingTopologyProvider() {
    super("ring", "ring, k neighbours per side (default weights: equal)");
  }

  @Override
  protected String defaultWeights() {
    return "equal";
  }

  @Override
  protected List<ParameterSpec> graphParameters() {
    return List.of(
        ParameterSpec.optional(
            "neighbors",
            ParameterType.INTEGER,
            1L,
            "neighbours k on each side; 1 <= k <= (N-1)/2"));
  }

  @Override
  protected CommunicationGraph graph(Parameters p, TopologyContext context) {
    int n = context.agents();
    int k = intParameter(p, "neighbors", 1, Math.max(1, (n - 1) / 2), " (2k+1 <= N = " + n + ")");
    if (2 * k + 1 > n) {
      throw p.invalid("neighbors", "needs 2k+1 <= N = " + n + " agents");
    }
    return GraphGenerators.ring(n, k);
  }
}
