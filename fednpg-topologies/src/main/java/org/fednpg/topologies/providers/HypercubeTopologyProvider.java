package org.fednpg.topologies.providers;

import org.fednpg.api.InvalidInputException;
import org.fednpg.api.Parameters;
import org.fednpg.api.TopologyContext;
import org.fednpg.topologies.CommunicationGraph;
import org.fednpg.topologies.GraphGenerators;

/** Hypercube on N = 2^d agents: agents linked when their indices differ in one bit. */
public final class HypercubeTopologyProvider extends GraphTopologyProvider {

  public HypercubeTopologyProvider() {
    super("hypercube", "hypercube (N a power of 2)");
  }

  @Override
  protected CommunicationGraph graph(Parameters p, TopologyContext context) {
    int n = context.agents();
    if (Integer.bitCount(n) != 1) {
      throw new InvalidInputException(
          p.owner() + ": hypercube needs a power of 2 agents, got N = " + n);
    }
    return GraphGenerators.hypercube(n);
  }
}
