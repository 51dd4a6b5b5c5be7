package org.fednpg.topologies.providers;

import java.util.List;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.TopologyContext;
import org.fednpg.topologies.CommunicationGraph;

/** rows × cols grid, 4-neighbour, agents row-major; rows·cols must equal N. */
public final class GridTopologyProvider extends GraphTopologyProvider {

  public GridTopologyProvider() {
    super("grid", "rows x cols grid (rows*cols = N)");
  }

  @Override
  protected List<ParameterSpec> graphParameters() {
    return List.of(
        ParameterSpec.required("rows", ParameterType.INTEGER, "grid rows"),
        ParameterSpec.required("cols", ParameterType.INTEGER, "grid columns"));
  }

  @Override
  protected CommunicationGraph graph(Parameters p, TopologyContext context) {
    int n = context.agents();
    return GridShapes.grid(p, n, false);
  }
}
