package org.fednpg.topologies.providers;

import java.util.List;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.TopologyContext;
import org.fednpg.topologies.CommunicationGraph;
import org.fednpg.topologies.GraphGenerators;

/** Erdős–Rényi G(N, p), resampled (seeded) until connected, at most {@code attempts} times. */
public final class ErdosRenyiTopologyProvider extends GraphTopologyProvider {

  public ErdosRenyiTopologyProvider() {
    super("erdos-renyi", "Erdos-Renyi G(N, p), resampled until connected");
  }

  @Override
  protected List<ParameterSpec> graphParameters() {
    return List.of(
        ParameterSpec.required("p", ParameterType.NUMBER, "edge probability in (0, 1]"), ATTEMPTS);
  }

  @Override
  protected CommunicationGraph graph(Parameters p, TopologyContext context) {
    int n = context.agents();
    double prob = p.getDouble("p");
    if (!(prob > 0 && prob <= 1)) {
      throw p.invalid("p", "must be in (0, 1]");
    }
    int attempts = intParameter(p, "attempts", 1, Integer.MAX_VALUE, "");
    return GraphGenerators.erdosRenyi(n, prob, context.random().child("graph"), attempts);
  }
}
