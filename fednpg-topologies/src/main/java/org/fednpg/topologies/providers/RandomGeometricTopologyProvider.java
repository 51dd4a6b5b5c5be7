package org.fednpg.topologies.providers;

import java.util.List;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.TopologyContext;
import org.fednpg.topologies.CommunicationGraph;
import org.fednpg.topologies.GraphGenerators;

/**
 * Random geometric graph: N seeded points uniform in the unit square, linked within distance {@code
 * radius}; resampled until connected.
 */
public final class RandomGeometricTopologyProvider extends GraphTopologyProvider {

  public RandomGeometricTopologyProvider() {
    super("random-geometric", "random geometric graph in the unit square");
  }

  @Override
  protected List<ParameterSpec> graphParameters() {
    return List.of(
        ParameterSpec.required("radius", ParameterType.NUMBER, "link distance, > 0"), ATTEMPTS);
  }

  @Override
  protected CommunicationGraph graph(Parameters p, TopologyContext context) {
    int n = context.agents();
    double radius = p.getDouble("radius");
    if (!(radius > 0)) {
      throw p.invalid("radius", "must be > 0");
    }
    int attempts = intParameter(p, "attempts", 1, Integer.MAX_VALUE, "");
    return GraphGenerators.randomGeometric(n, radius, context.random().child("graph"), attempts);
  }
}
