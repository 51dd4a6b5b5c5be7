package org.fednpg.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FedNAC's nested {@code features} block end to end: a path inside the block resolves against the
 * spec's folder and is recorded as an input file, the manifest writes the block back nested, an
 * unknown key inside the block is refused naming it, and a sweep over a nested key runs.
 */
class NestedBlocksTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** The GridWorld 3×3 has |S||A| = 9·2 = 18: the identity as a features file is one-hot φ. */
  private Path identityFeatures(Path dir) throws IOException {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 18; i++) {
      StringBuilder b = new StringBuilder();
      for (int j = 0; j < 18; j++) {
        b.append(j == 0 ? "" : ",").append(i == j ? "1" : "0");
      }
      rows.add(b.toString());
    }
    Files.createDirectories(dir);
    return Files.write(dir.resolve("phi.csv"), rows);
  }

  private Path spec(Path dir, String name, String features) throws IOException {
    return Files.writeString(
        dir.resolve(name + ".yaml"),
        """
        name: %s
        seed: 3
        iterations: 5
        environment: {type: gridworld, size: 3, agents: 2}
        topology: {type: complete}
        algorithm: {type: fednac, variant: ours, eta: 0.5, features: %s,
                    critic: {type: exact-projection}}
        """
            .formatted(name, features));
  }

  @Test
  void aFeaturesFileInANestedBlockIsReadFromTheSpecFolderAndGivesTheOneHotNumbers()
      throws IOException {
    Path specs = tmp.resolve("specs");
    Path phi = identityFeatures(specs);
    Path file = spec(specs, "file", "{type: file, path: phi.csv}");
    Path onehot = spec(specs, "onehot", "onehot");
    CliHarness.Outcome a =
        CliHarness.run("run", file.toString(), "--out", tmp.resolve("a").toString());
    assertThat(a.status()).as(a.err()).isZero();
    CliHarness.Outcome b =
        CliHarness.run("run", onehot.toString(), "--out", tmp.resolve("b").toString());
    assertThat(b.status()).as(b.err()).isZero();
    JsonNode m = JSON.readTree(tmp.resolve("a/manifest.json").toFile());
    assertThat(m.path("inputs").get(0).path("path").asText())
        .isEqualTo(phi.toAbsolutePath().toString());
    assertThat(m.at("/spec/algorithm/features/type").asText()).isEqualTo("file");
    assertThat(m.at("/spec/algorithm/features/path").asText()).isEqualTo("phi.csv");
    // the identity file is the one-hot map, so the runs agree exactly (same seed, same critic)
    List<String> x = Files.readAllLines(tmp.resolve("a/metrics.csv"));
    List<String> y = Files.readAllLines(tmp.resolve("b/metrics.csv"));
    assertThat(x).hasSameSizeAs(y);
    int elapsed = org.fednpg.experiments.results.MetricsCsv.COLUMNS.indexOf("elapsed_ms");
    for (int i = 1; i < x.size(); i++) {
      List<String> r = new ArrayList<>(List.of(x.get(i).split(",", -1)));
      List<String> s = new ArrayList<>(List.of(y.get(i).split(",", -1)));
      r.remove(elapsed);
      s.remove(elapsed);
      assertThat(r).as("row %d", i).isEqualTo(s);
    }
  }

  @Test
  void anUnknownKeyInsideTheBlockIsRefusedNamingIt() throws IOException {
    Path file = spec(tmp, "bad", "{type: random, dimension: 4}");
    CliHarness.Outcome o =
        CliHarness.run("run", file.toString(), "--out", tmp.resolve("out").toString());
    assertThat(o.status()).isEqualTo(FedNpgCommand.EXIT_INPUT);
    assertThat(o.err()).contains("unknown parameter 'features.dimension'");
  }

  @Test
  void aSweepOverANestedKeyRunsOneCellPerValue() throws IOException {
    Path file =
        Files.writeString(
            tmp.resolve("sweep.yaml"),
            """
        name: sweep
        iterations: 2
        environment: {type: gridworld, size: 3, agents: 2}
        topology: {type: complete}
        algorithm: {type: fednac, variant: ours, features: {type: random, dim: 4},
                    critic: {type: exact-projection}}
        sweep:
          algorithm.features.dim: [4, 8]
        """);
    CliHarness.Outcome o =
        CliHarness.run("run", file.toString(), "--out", tmp.resolve("out").toString());
    assertThat(o.status()).as(o.err()).isZero();
    for (int d : new int[] {4, 8}) {
      JsonNode m =
          JSON.readTree(tmp.resolve("out/algorithm.features.dim=" + d + "/manifest.json").toFile());
      assertThat(m.at("/algorithm/d").asInt()).isEqualTo(d);
    }
  }
}
