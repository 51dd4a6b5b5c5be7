package org.fednpg.topologies.providers;

import java.util.List;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.Parameters;
import org.fednpg.api.TopologyContext;
import org.fednpg.topologies.CommunicationGraph;
import org.fednpg.topologies.GraphGenerators;

/** Star with hub agent 0. */
public final class StarTopologyProvider extends GraphTopologyProvider {

  @Override
  public String name() {
    return "star";
  }

  @Override
  public String description() {
    return "star with hub agent 0";
  }

  @Override
  protected List<ParameterSpec> graphParameters() {
    return List.of();
  }

  @Override
  protected CommunicationGraph graph(Parameters p, TopologyContext context) {
    int n = context.agents();
    return GraphGenerators.star(n);
  }
}
