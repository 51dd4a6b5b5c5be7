package org.fednpg.topologies.providers;

import java.util.List;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.TopologyContext;
import org.fednpg.topologies.CommunicationGraph;
import org.fednpg.topologies.GraphGenerators;

/**
 * Watts–Strogatz small world: ring with {@code neighbors} per side, each lattice link rewired with
 * probability {@code rewire}; resampled until connected.
 */
public final class WattsStrogatzTopologyProvider extends GraphTopologyProvider {

  public WattsStrogatzTopologyProvider() {
    super("watts-strogatz", "Watts-Strogatz small world (seeded)");
  }

  @Override
  protected List<ParameterSpec> graphParameters() {
    return List.of(
        ParameterSpec.optional(
            "neighbors",
            ParameterType.INTEGER,
            2L,
            "lattice neighbours k on each side; 1 <= k <= (N-1)/2"),
        ParameterSpec.optional(
            "rewire", ParameterType.NUMBER, 0.1, "rewiring probability in [0, 1]"),
        ATTEMPTS);
  }

  @Override
  protected CommunicationGraph graph(Parameters p, TopologyContext context) {
    int n = context.agents();
    int k = intParameter(p, "neighbors", 1, Math.max(1, (n - 1) / 2), " (2k+1 <= N = " + n + ")");
    if (2 * k + 1 > n) {
      throw p.invalid("neighbors", "needs 2k+1 <= N = " + n + " agents");
    }
    double rewire = p.getDouble("rewire");
    if (!(rewire >= 0 && rewire <= 1)) {
      throw p.invalid("rewire", "must be in [0, 1]");
    }
    int attempts = intParameter(p, "attempts", 1, Integer.MAX_VALUE, "");
    return GraphGenerators.wattsStrogatz(n, k, rewire, context.random().child("graph"), attempts);
  }
}
