package org.fednpg.topologies.providers;

import org.fednpg.api.Parameters;
import org.fednpg.api.TopologyContext;
import org.fednpg.topologies.CommunicationGraph;
import org.fednpg.topologies.GraphGenerators;

/** Exponential graph: agent i linked to i ± 2^j (mod N) for 2^j &lt; N. */
public final class ExponentialTopologyProvider extends GraphTopologyProvider {

  public ExponentialTopologyProvider() {
    super("exponential", "exponential graph (links at distances 2^j, symmetrised)");
  }

  @Override
  protected CommunicationGraph graph(Parameters p, TopologyContext context) {
    int n = context.agents();
    return GraphGenerators.exponential(n);
  }
}
