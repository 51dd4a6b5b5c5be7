package org.fednpg.topologies.providers;

import java.util.List;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.Parameters;
import org.fednpg.api.TopologyContext;
import org.fednpg.topologies.CommunicationGraph;
import org.fednpg.topologies.GraphGenerators;

/** Path 0 – 1 – … – (N−1). */
public final class PathTopologyProvider extends GraphTopologyProvider {

  @Override
  public String name() {
    return "path";
  }

  @Override
  public String description() {
    return "path (line) graph";
  }

  @Override
  protected List<ParameterSpec> graphParameters() {
    return List.of();
  }

  @Override
  protected CommunicationGraph graph(Parameters p, TopologyContext context) {
    int n = context.agents();
    return GraphGenerators.path(n);
  }
}
