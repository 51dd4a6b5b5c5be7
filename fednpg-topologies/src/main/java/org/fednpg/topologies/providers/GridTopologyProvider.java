package org.fednpg.topologies.providers;

/** rows × cols grid, 4-neighbour, agents row-major; rows·cols must equal N. */
public final class GridTopologyProvider extends RowsColsTopologyProvider {

  public GridTopologyProvider() {
    super("grid", "grid", false);
  }
}
