package org.fednpg.topologies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.Topology;
import org.fednpg.api.TopologyProvider;
import org.junit.jupiter.api.Test;

class RegistryAndDescribeTest {

  @Test
  void everyProviderIsRegisteredOnce() {
    List<String> names = new ArrayList<>();
    for (TopologyProvider p : ServiceLoader.load(TopologyProvider.class)) {
      names.add(p.name());
      assertThat(p.name()).matches("[a-z][a-z0-9-]*");
      assertThat(p.description()).isNotBlank();
      List<String> params = p.parameters().stream().map(ParameterSpec::name).toList();
      assertThat(params).contains("drop");
      assertThat(params).contains("stochastic");
      if (!p.name().equals("file") && !p.name().equals("directed-ring")) {
        assertThat(params).contains("weights", "base");
      }
    }
    assertThat(names)
        .containsExactlyInAnyOrder(
            "ring",
            "path",
            "star",
            "complete",
            "grid",
            "torus",
            "hypercube",
            "exponential",
            "erdos-renyi",
            "random-geometric",
            "watts-strogatz",
            "edges",
            "file",
            "directed-ring");
  }

  @Test
  void ringDefaultsToEqualWeightsOthersToMetropolis() {
    assertThat(((GraphTopology) TopologyTesting.build("ring", Map.of(), 10, 1)).weightsRule())
        .isEqualTo("equal");
    assertThat(((GraphTopology) TopologyTesting.build("path", Map.of(), 10, 1)).weightsRule())
        .isEqualTo("metropolis");
  }

  /** Ring N = 10, k = 1, equal weights: σ = (1 + 2cos(2π/10))/3 (circulant spectrum, j = 1). */
  @Test
  void describeListsTheFacts() {
    Topology t = TopologyTesting.build("ring", Map.of(), 10, 1);
    double sigma = (1 + 2 * Math.cos(2 * Math.PI / 10)) / 3;
    long rounds = (long) Math.ceil(Math.log(1e6) / Math.log(1 / sigma));
    String text = TopologyDescriptions.describe(t);
    assertThat(text)
        .contains(
            "agents: 10\n",
            "edges: 10\n",
            "degrees: 2 (regular)\n",
            "weights: equal\n",
            "consensus time: " + rounds + " rounds",
            String.format(java.util.Locale.ROOT, "sigma: %.6g", sigma));
    assertThat(t.report().get("consensus_time")).isEqualTo(rounds);
    String dropped =
        TopologyDescriptions.describe(TopologyTesting.build("ring", Map.of("drop", 0.2), 10, 1));
    assertThat(dropped).contains("link drop probability: 0.2", "mean sigma: ");
  }

  @Test
  void edgeListFileGivesTheSameTopologyAsTheBuiltInRing(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    StringBuilder b = new StringBuilder("# ring of 8, k = 2, written as an edge list\n");
    for (int i = 0; i < 8; i++) {
      b.append(i).append(' ').append((i + 1) % 8).append('\n');
      b.append(i).append(",").append((i + 2) % 8).append("   # comma also accepted\n");
    }
    java.nio.file.Files.writeString(dir.resolve("ring.txt"), b.toString());
    Topology fromFile =
        TopologyTesting.build("edges", Map.of("path", "ring.txt", "weights", "equal"), 8, 1, dir);
    Topology builtIn = TopologyTesting.build("ring", Map.of("neighbors", 2), 8, 1);
    assertThat(fromFile.mixing(0)).isEqualTo(builtIn.mixing(0));
  }

  @Test
  void randomWeightsAreSeeded() {
    Topology a = TopologyTesting.build("ring", Map.of("weights", "random"), 9, 4);
    Topology b = TopologyTesting.build("ring", Map.of("weights", "random"), 9, 4);
    Topology c = TopologyTesting.build("ring", Map.of("weights", "random"), 9, 5);
    assertThat(a.mixing(0)).isEqualTo(b.mixing(0)).isNotEqualTo(c.mixing(0));
  }
}
