package org.fednpg.topologies.providers;

import java.util.List;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.TopologyContext;
import org.fednpg.topologies.CommunicationGraph;
import org.fednpg.topologies.GraphGenerators;

/**
 * Graph from an edge-list file: one {@code i j} per line (0-based agents), {@code #} comments; must
 * be connected.
 */
public final class EdgesTopologyProvider extends GraphTopologyProvider {

  public EdgesTopologyProvider() {
    super("edges", "graph from an edge-list file (lines 'i j', # comments)");
  }

  @Override
  protected List<ParameterSpec> graphParameters() {
    return List.of(ParameterSpec.required("path", ParameterType.PATH, "edge-list file"));
  }

  @Override
  protected CommunicationGraph graph(Parameters p, TopologyContext context) {
    int n = context.agents();
    return GraphGenerators.readEdges(p.getPath("path"), n);
  }
}
