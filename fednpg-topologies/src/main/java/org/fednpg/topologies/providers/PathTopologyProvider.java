package org.fednpg.topologies.providers;

import org.fednpg.api.Parameters;
import org.fednpg.api.TopologyContext;
import org.fednpg.topologies.CommunicationGraph;
import org.fednpg.topologies.GraphGenerators;

/** Path 0 – 1 – … – (N−1). */
public final class PathTopologyProvider extends GraphTopologyProvider {

  public PathTopologyProvider() {
    super("path", "path (line) graph");
  }

  @Override
  protected CommunicationGraph graph(Parameters p, TopologyContext context) {
    int n = context.agents();
    return GraphGenerators.path(n);
  }
}
