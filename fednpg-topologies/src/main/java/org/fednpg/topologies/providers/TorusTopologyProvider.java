package org.fednpg.topologies.providers;

import java.util.List;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.TopologyContext;
import org.fednpg.topologies.CommunicationGraph;

/** rows × cols torus (grid with wrap-around), agents row-major; rows·cols must equal N. */
public final class TorusTopologyProvider extends GraphTopologyProvider {

  public TorusTopologyProvider() {
    super("torus", "rows x cols torus (rows*cols = N)");
  }

  @Override
  protected List<ParameterSpec> graphParameters() {
    return List.of(
        ParameterSpec.required("rows", ParameterType.INTEGER, "torus rows"),
        ParameterSpec.required("cols", ParameterType.INTEGER, "torus columns"));
  }

  @Override
  protected CommunicationGraph graph(Parameters p, TopologyContext context) {
    int n = context.agents();
    return GridShapes.grid(p, n, true);
  }
}
