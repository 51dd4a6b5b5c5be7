package org.fednpg.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fednpg run} end to end: results, manifest, plugins. */
class RunCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  static double lastValue(Path metrics) throws IOException {
    List<String> lines = Files.readAllLines(metrics);
    assertThat(lines.get(0))
        .startsWith(
            "iteration,value,optimality_gap,q_error,consensus,agent_value_min,agent_value_mean,"
                + "elapsed_ms,samples,bytes_sent");
    String[] last = lines.get(lines.size() - 1).split(",", -1);
    return Double.parseDouble(last[1]);
  }

  @Test
  void exampleSpecReachesTheOracleValue() throws IOException {
    Path out = tmp.resolve("demo");
    CliHarness.Outcome o =
        CliHarness.run("run", "../examples/garnet-demo.yaml", "--out", out.toString());
    assertThat(o.status()).as(o.err()).isZero();
    JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
    for (String key :
        List.of(
            "spec",
            "seed",
            "version",
            "git",
            "java",
            "agents",
            "states",
            "actions",
            "gamma",
            "sigma",
            "optimal_value")) {
      assertThat(manifest.has(key)).as(key).isTrue();
    }
    assertThat(manifest.get("agents").asInt()).isEqualTo(8);
    assertThat(manifest.get("sigma").asDouble()).isBetween(0.0, 1.0);
    assertThat(manifest.at("/spec/algorithm/eta").asDouble()).isEqualTo(10.0);
    assertThat(lastValue(out.resolve("metrics.csv")))
        .isCloseTo(manifest.get("optimal_value").asDouble(), within(Tolerances.CONVERGED_VALUE));
    assertThat(Files.readAllLines(out.resolve("metrics.csv"))).hasSize(1 + 401);
  }

  @Test
  void providerFromTestSourcesIsUsableByName() throws IOException {
    Path spec = tmp.resolve("plugin.yaml");
    Files.writeString(
        spec,
        """
        name: plugin
        iterations: 200
        environment: {type: test-two-state, reward: 1.0, agents: 3}
        topology: {type: complete}
        algorithm: {type: fednpg, eta: 1.0}
        """);
    CliHarness.Outcome o =
        CliHarness.run("run", spec.toString(), "--out", tmp.resolve("out").toString());
    assertThat(o.status()).as(o.err()).isZero();
    JsonNode manifest = JSON.readTree(tmp.resolve("out/manifest.json").toFile());
    // closed form: V*(0) = γ r / (1 − γ) with γ = 0.9, r = 1
    assertThat(manifest.get("optimal_value").asDouble())
        .isCloseTo(0.9 / (1 - 0.9), within(Tolerances.EXACT));
    assertThat(manifest.at("/spec/environment/agents").asInt()).isEqualTo(3);
  }

  @Test
  void listShowsEveryFamilyWithParameters() {
    CliHarness.Outcome o = CliHarness.run("list");
    assertThat(o.status()).isZero();
    assertThat(o.out())
        .contains(
            "environments:",
            "topologies:",
            "evaluators:",
            "algorithms:",
            "fednpg",
            "naive",
            "centralized",
            "garnet",
            "ring",
            "exact",
            "test-two-state",
            "eta (number, default 0.1)");
  }

  @Test
  void finishedRunIsSkippedOnRerun() throws IOException {
    Path spec = tmp.resolve("small.yaml");
    Files.writeString(
        spec,
        """
        name: small
        iterations: 5
        environment: {type: test-two-state}
        topology: {type: complete}
        algorithm: {type: fednpg}
        sweep:
          algorithm.eta: [0.1, 0.2]
        """);
    Path out = tmp.resolve("sweep");
    assertThat(CliHarness.run("run", spec.toString(), "--out", out.toString()).status()).isZero();
    assertThat(out.resolve("algorithm.eta=0.1/metrics.csv")).exists();
    assertThat(out.resolve("summary.csv")).exists();
    Path metrics = out.resolve("algorithm.eta=0.2/metrics.csv");
    long before = Files.getLastModifiedTime(metrics).toMillis();
    CliHarness.Outcome again = CliHarness.run("run", spec.toString(), "--out", out.toString());
    assertThat(again.out()).contains("skipped");
    assertThat(Files.getLastModifiedTime(metrics).toMillis()).isEqualTo(before);
  }

  @Test
  void finishedFolderOfAnotherSpecIsNeitherReusedNorOverwritten() throws IOException {
    Path spec = tmp.resolve("a.yaml");
    Files.writeString(
        spec,
        """
        name: a
        iterations: 5
        environment: {type: test-two-state}
        topology: {type: complete}
        algorithm: {type: fednpg}
        """);
    Path out = tmp.resolve("a-out");
    assertThat(CliHarness.run("run", spec.toString(), "--out", out.toString()).status()).isZero();
    String before = Files.readString(out.resolve("metrics.csv"));
    Files.writeString(spec, Files.readString(spec).replace("iterations: 5", "iterations: 6"));
    CliHarness.Outcome o = CliHarness.run("run", spec.toString(), "--out", out.toString());
    assertThat(o.status()).isEqualTo(FedNpgCommand.EXIT_INPUT);
    assertThat(o.err()).contains("different spec", "a-out");
    assertThat(Files.readString(out.resolve("metrics.csv"))).isEqualTo(before);
  }

  @Test
  void summaryQuotesBlockValuesAsOneColumn() throws IOException {
    // the second cell's label "file-pathw,1.csv" holds a comma, so it must be quoted to stay one
    // column (the complete graph's averaging matrix: every weight 1/4)
    Files.writeString(tmp.resolve("w,1.csv"), "0.25,0.25,0.25,0.25\n".repeat(4));
    Path spec = tmp.resolve("blocks.yaml");
    Files.writeString(
        spec,
        """
        name: blocks
        iterations: 3
        environment: {type: test-two-state, agents: 4}
        algorithm: {type: fednpg}
        sweep:
          topology: [{type: ring}, {type: file, path: "w,1.csv"}]
        """);
    Path out = tmp.resolve("blocks-out");
    assertThat(CliHarness.run("run", spec.toString(), "--out", out.toString()).status()).isZero();
    List<String> lines = Files.readAllLines(out.resolve("summary.csv"));
    assertThat(lines.get(2)).contains("\"file-pathw,1.csv\"");
    List<List<String>> rows = new ArrayList<>();
    try (MappingIterator<List<String>> it =
        new CsvMapper()
            .readerForListOf(String.class)
            .with(CsvParser.Feature.WRAP_AS_ARRAY)
            .readValues(out.resolve("summary.csv").toFile())) {
      it.forEachRemaining(rows::add);
    }
    assertThat(rows).hasSize(3);
    int topology = rows.get(0).indexOf("topology");
    assertThat(rows.get(2).get(topology)).isEqualTo("file-pathw,1.csv");
    for (List<String> row : rows) {
      assertThat(row).hasSameSizeAs(rows.get(0));
    }
  }

  @Test
  void pekkoRuntimeFromTheCommandLineGivesTheInProcessNumbers() throws IOException {
    Path spec = tmp.resolve("pk.yaml");
    Files.writeString(
        spec,
        """
        name: pk
        seed: 2
        iterations: 8
        environment: {type: gridworld, size: 4, agents: 4}
        topology: {type: ring}
        algorithm: {type: fednpg, eta: 0.1, tau: 0.01}
        """);
    Path local = tmp.resolve("local");
    Path cluster = tmp.resolve("cluster");
    assertThat(CliHarness.run("run", spec.toString(), "--out", local.toString()).status()).isZero();
    CliHarness.Outcome o =
        CliHarness.run("run", spec.toString(), "--out", cluster.toString(), "--runtime", "pekko");
    assertThat(o.status()).as(o.err()).isZero();
    int elapsed = org.fednpg.experiments.results.MetricsCsv.COLUMNS.indexOf("elapsed_ms");
    List<String> a = Files.readAllLines(local.resolve("metrics.csv"));
    List<String> b = Files.readAllLines(cluster.resolve("metrics.csv"));
    assertThat(b).hasSameSizeAs(a);
    for (int i = 1; i < a.size(); i++) {
      String[] x = a.get(i).split(",", -1);
      String[] y = b.get(i).split(",", -1);
      for (int c = 0; c < x.length; c++) {
        if (c == elapsed) {
          continue; // wall time
        }
        if (c == 0 || c > elapsed) {
          assertThat(y[c]).as("row %d column %d", i, c).isEqualTo(x[c]); // counters: exact
          continue;
        }
        assertThat(Double.parseDouble(y[c]))
            .isCloseTo(Double.parseDouble(x[c]), within(Tolerances.REORDERED));
      }
    }
    assertThat(
            CliHarness.run(
                    "run",
                    spec.toString(),
                    "--out",
                    tmp.resolve("x").toString(),
                    "--cluster",
                    "127.0.0.1:1")
                .status())
        .isEqualTo(FedNpgCommand.EXIT_INPUT);
  }
}
