package org.fednpg.topologies.providers;

import org.fednpg.api.Parameters;
import org.fednpg.api.TopologyContext;
import org.fednpg.topologies.CommunicationGraph;
import org.fednpg.topologies.GraphGenerators;

/** Star with hub agent 0. */
public final class StarTopologyProvider extends GraphTopologyProvider {

  public StarTopologyProvider() {
    super("star", "star with hub agent 0");
  }

  @Override
  protected CommunicationGraph graph(Parameters p, TopologyContext context) {
    int n = context.agents();
    return GraphGenerators.star(n);
  }
}
