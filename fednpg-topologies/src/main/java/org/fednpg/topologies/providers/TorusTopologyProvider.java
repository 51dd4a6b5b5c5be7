package org.fednpg.topologies.providers;

/** rows × cols torus (grid with wrap-around), agents row-major; rows·cols must equal N. */
public final class TorusTopologyProvider extends RowsColsTopologyProvider {

  public TorusTopologyProvider() {
    super("torus", "torus", true);
  }
}
