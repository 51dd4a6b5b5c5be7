package org.fednpg.topologies.providers;

import org.fednpg.api.Parameters;
import org.fednpg.api.TopologyContext;
import org.fednpg.topologies.CommunicationGraph;
import org.fednpg.topologies.GraphGenerators;

/** Complete graph; with {@code weights: equal} W = 11ᵀ/N (σ = 0), the centralised baseline. */
public final class CompleteTopologyProvider extends GraphTopologyProvider {

  public CompleteTopologyProvider() {
    super("complete", "complete graph (equal weights = exact averaging)");
  }

  @Override
  protected CommunicationGraph graph(Parameters p, TopologyContext context) {
    int n = context.agents();
    return GraphGenerators.complete(n);
  }
}
