package org.fednpg.topologies.providers;

import java.nio.file.Path;
import java.util.List;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.Topology;
import org.fednpg.api.TopologyContext;
import org.fednpg.api.TopologyProvider;
import org.fednpg.api.model.MixingMatrix;
import org.fednpg.topologies.GraphTopology;
import org.fednpg.topologies.MixingMatrixCsv;
import org.fednpg.topologies.Stochasticity;

/**
 * An explicit mixing matrix from a CSV file (SPEC §7, last paragraph): N rows of N numbers, no
 * header, validated as in SPEC §2 with the graph taken to be the matrix's own support; {@code
 * stochastic: row} accepts a W whose columns do not sum to 1. With {@code drop > 0}, a failed
 * link's weight moves to its receiver's diagonal (for a symmetric W: both ends).
 */
public final class FileTopologyProvider implements TopologyProvider {

  @Override
  public String name() {
    return "file";
  }

  @Override
  public String description() {
    return "explicit N x N mixing matrix from a CSV file (no header)";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.required("path", ParameterType.PATH, "CSV file, N rows of N numbers"),
        ParameterSpec.optional(
            "drop",
            ParameterType.NUMBER,
            0.0,
            "probability in [0, 1) that each link fails independently in each round"),
        GraphTopologyProvider.STOCHASTIC);
  }

  @Override
  public Topology create(Parameters parameters, TopologyContext context) {
    double drop = parameters.getDouble("drop");
    if (!(drop >= 0 && drop < 1)) {
      throw parameters.invalid("drop", "must be in [0, 1)");
    }
    Path file = parameters.getPath("path");
    MixingMatrix w = MixingMatrixCsv.read(file);
    if (w.size() != context.agents()) {
      throw new InvalidInputException(
          file
              + ": mixing matrix is "
              + w.size()
              + "x"
              + w.size()
              + " but the run has "
              + context.agents()
              + " agents");
    }
    return GraphTopology.ofMatrix(
        file.toString(),
        w,
        drop,
        context.random(),
        Stochasticity.byName(parameters.getString("stochastic")));
  }
}
