package org.fednpg.topologies;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.fednpg.api.RandomSource;
import org.fednpg.api.Topology;
import org.fednpg.api.model.MixingMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MixingMatrixCsvTest {

  @TempDir Path dir;

  @Test
  void roundTripsBitForBit() throws Exception {
    for (int i = 0; i < 10; i++) {
      CommunicationGraph g = GraphGenerators.erdosRenyi(3 + i, 0.5, RandomSource.of(i), 1000);
      MixingMatrix w = WeightRules.random().weights(g, RandomSource.of(100 + i));
      Path file = dir.resolve("sub/W.csv");
      MixingMatrixCsv.write(w, file);
      assertThat(MixingMatrixCsv.read(file)).isEqualTo(w);
    }
    try (Stream<Path> files = Files.list(dir.resolve("sub"))) {
      assertThat(files).containsExactly(dir.resolve("sub/W.csv"));
    }
  }

  @Test
  void fileProviderReproducesTheWrittenMatrix() throws Exception {
    Topology ring = TopologyTesting.build("ring", Map.of("weights", "random"), 7, 12);
    MixingMatrixCsv.write(ring.mixing(0), dir.resolve("ring.csv"));
    Topology loaded = TopologyTesting.build("file", Map.of("path", "ring.csv"), 7, 1, dir);
    assertThat(loaded.mixing(0)).isEqualTo(ring.mixing(0));
    assertThat(loaded.sigma()).isEqualTo(ring.sigma());
    assertThat(TopologyTesting.graphOf(loaded)).isEqualTo(TopologyTesting.graphOf(ring));
  }

  @Test
  void readsSpacesAndBlankLines() throws Exception {
    Files.writeString(dir.resolve("W.csv"), " 0.5 , 0.5\n\n0.5,0.5 \n\n");
    assertThat(MixingMatrixCsv.read(dir.resolve("W.csv"))).isEqualTo(MixingMatrix.averaging(2));
  }
}
