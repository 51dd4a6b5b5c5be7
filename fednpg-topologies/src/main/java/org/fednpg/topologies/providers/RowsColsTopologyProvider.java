package org.fednpg.topologies.providers;

import java.util.List;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.TopologyContext;
import org.fednpg.topologies.CommunicationGraph;

/** A rows × cols lattice, agents row-major, rows·cols = N: the grid, and with wrap the torus. */
abstract class RowsColsTopologyProvider extends GraphTopologyProvider {

  private final String noun;
  private final boolean wrap;

  /**
   * @param name the provider name used in specs
   * @param noun "grid" or "torus", for the descriptions
   * @param wrap whether the lattice wraps around (torus)
   */
  RowsColsTopologyProvider(String name, String noun, boolean wrap) {
    super(name, "rows x cols " + noun + " (rows*cols = N)");
    this.noun = noun;
    this.wrap = wrap;
  }

  @Override
  protected List<ParameterSpec> graphParameters() {
    return List.of(
        ParameterSpec.required("rows", ParameterType.INTEGER, noun + " rows"),
        ParameterSpec.required("cols", ParameterType.INTEGER, noun + " columns"));
  }

  @Override
  protected CommunicationGraph graph(Parameters p, TopologyContext context) {
    return GridShapes.grid(p, context.agents(), wrap);
  }
}
