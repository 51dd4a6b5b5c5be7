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
            Map.of(),
            null,
            Map.of("tau", 0.01),
            Map.of(),
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
}
