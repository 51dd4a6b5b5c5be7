package org.fednpg.experiments.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fednpg.api.io.InputFiles;
import org.fednpg.api.run.IterationMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The typed manifest round-trips through its JSON, with SPEC names and null for non-finite. */
class RunManifestTest {

  @TempDir Path tmp;

  @Test
  void writesSpecNamesAndReadsBackWhatItWrote() throws IOException {
    IterationMetrics last =
        new IterationMetrics(7, 1.5, 0.25, Double.NaN, 1e-3, 1.0, 1.25, 12, 40, 800, 16);
    RunManifest m =
        new RunManifest(
            RunManifest.FORMAT,
            Map.of("name", "x"),
            3,
            "v",
            "g",
            "j",
            2,
            5,
            4,
            0.9,
            0.01,
            null,
            RunManifest.finite(Double.POSITIVE_INFINITY),
            100,
            new EnvironmentFacts(Map.of()),
            null,
            Map.of("tau", 0.01),
            new TheoryFacts(Map.of()),
            99,
            RunManifest.FinalRow.of(last),
            Map.of("name", "x"),
            List.of(new InputFiles.InputFile("/a/b.json", 10, "ab")),
            List.of());
    Path file = tmp.resolve("manifest.json");
    Files.writeString(file, m.toJson());

    JsonNode tree = new ObjectMapper().readTree(file.toFile());
    assertThat(tree.path("format").asText()).isEqualTo("fednpg-run/1");
    assertThat(tree.has("theory")).as("empty theory omitted").isFalse();
    assertThat(tree.get("sigma").isNull()).isTrue();
    assertThat(tree.get("optimal_value").isNull()).isTrue();
    assertThat(tree.path("final").get("q_error").isNull()).isTrue();
    assertThat(tree.path("final").path("optimality_gap").asDouble()).isEqualTo(0.25);
    assertThat(tree.path("inputs").get(0).path("sha256").asText()).isEqualTo("ab");

    RunManifest back = RunManifest.read(file);
    assertThat(back).isEqualTo(m);
    assertThat(back.last().toMetrics()).isEqualTo(last);
    assertThat(back.optimalValueOrNaN()).isNaN();
  }

  @Test
  void typedBlocksWriteThePluginsMapsAsTheyAreAndReadTheirFactsBack() throws IOException {
    Map<String, Object> topology = new java.util.LinkedHashMap<>();
    topology.put("sigma", 0.75);
    topology.put("consensus_time", 4);
    topology.put("symmetric", true);
    topology.put("weights", "equal");
    topology.put("my_plugin_fact", List.of(1, 2)); // a plugin's own key survives
    Map<String, Object> theory = new java.util.LinkedHashMap<>();
    theory.put("result", "Theorem 3.5");
    theory.put("rho", null); // not finite
    theory.put("eta0", 0.5);
    RunManifest m =
        new RunManifest(
            RunManifest.FORMAT,
            Map.of("name", "x"),
            3,
            "v",
            "g",
            "j",
            2,
            5,
            4,
            0.9,
            0.01,
            0.75,
            1.0,
            100,
            new EnvironmentFacts(Map.of("rewards", "uniform", "branching", 5)),
            new TopologyFacts(topology),
            Map.of(),
            new TheoryFacts(theory),
            99,
            null,
            Map.of("name", "x"),
            List.of(),
            List.of());
    Path file = tmp.resolve("manifest.json");
    Files.writeString(file, m.toJson());

    JsonNode tree = new ObjectMapper().readTree(file.toFile());
    // written as the plain objects the plugins reported, keys in their order
    List<String> keys = new java.util.ArrayList<>();
    tree.path("topology").fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly("sigma", "consensus_time", "symmetric", "weights", "my_plugin_fact");
    assertThat(tree.path("theory").get("rho").isNull()).isTrue();
    assertThat(tree.path("environment").path("branching").asInt()).isEqualTo(5);

    RunManifest back = RunManifest.read(file);
    assertThat(back.topology().sigma()).isEqualTo(0.75);
    assertThat(back.topology().consensusTime()).isEqualTo(4L);
    assertThat(back.topology().symmetric()).isTrue();
    assertThat(back.topology().weights()).isEqualTo("equal");
    assertThat(back.topology().minDegree()).as("absent").isNull();
    assertThat(back.topology().text("sigma")).as("a number is not text").isNull();
    assertThat(back.topology().values().get("my_plugin_fact")).isEqualTo(List.of(1, 2));
    assertThat(back.environment().text("rewards")).isEqualTo("uniform");
    assertThat(back.environment().integer("branching")).isEqualTo(5L);
    assertThat(back.environment().file()).isNull();
    assertThat(back.theory().result()).isEqualTo("Theorem 3.5");
    assertThat(back.theory().certificate().rho()).isNull();
    assertThat(back.theory().certificate().eta0()).isEqualTo(0.5);
    assertThat(back.theory().setting().eta()).as("absent").isNull();
    assertThat(back.theory().values()).containsKey("rho");
  }
}
