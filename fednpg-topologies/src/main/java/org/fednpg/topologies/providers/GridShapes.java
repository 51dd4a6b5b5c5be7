package org.fednpg.topologies.providers;

import org.fednpg.api.InvalidInputException;
import org.fednpg.api.Parameters;
import org.fednpg.topologies.CommunicationGraph;
import org.fednpg.topologies.GraphGenerators;

/** Shared parameter checks of {@code grid} and {@code torus}. */
final class GridShapes {

  private GridShapes() {}

  static CommunicationGraph grid(Parameters p, int n, boolean wrap) {
    int rows = p.getInt("rows");
    int cols = p.getInt("cols");
    if (rows < 1) {
      throw p.invalid("rows", "must be >= 1");
    }
    if (cols < 1) {
      throw p.invalid("cols", "must be >= 1");
    }
    if ((long) rows * cols != n) {
      throw new InvalidInputException(
          p.owner()
              + ": parameters rows*cols = "
              + rows
              + "*"
              + cols
              + " = "
              + ((long) rows * cols)
              + " must equal the number of agents "
              + n);
    }
    return GraphGenerators.grid(n, rows, cols, wrap);
  }
}
