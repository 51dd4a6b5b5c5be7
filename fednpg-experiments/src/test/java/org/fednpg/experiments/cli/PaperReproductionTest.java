package org.fednpg.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fednpg reproduce --quick paper}: the paper's four experiments and Figure 1, the claims
 * table opening REPORT.md, the paper's ring in every manifest, and skipping on a second run.
 */
class PaperReproductionTest {

  @TempDir Path tmp;

  @Test
  void quickPaperReproductionWritesFiguresAndClaimsAndSkipsOnRerun() throws IOException {
    Path out = tmp.resolve("paper");
    CliHarness.Outcome first =
        CliHarness.run("reproduce", "--quick", "--out", out.toString(), "paper");
    assertThat(first.status()).as(first.err()).isZero();
    String report = Files.readString(out.resolve("REPORT.md"));
    // the report opens with the claims table: its first table is the claims table
    int claims = report.indexOf("| figure | the paper's claim");
    assertThat(claims).isPositive().isLessThan(report.indexOf("| experiment | cells"));
    List<String> rows =
        report
            .substring(claims, report.indexOf("| experiment | cells"))
            .lines()
            .filter(l -> l.matches("^\\| [2-5] \\|.*"))
            .toList();
    assertThat(rows)
        .hasSize(7)
        .allSatisfy(r -> assertThat(r).containsPattern("\\*\\*(holds|partly|contradicted)\\*\\*"));
    assertThat(out.resolve("paper-fig1/gridworld-N3-K9.png")).exists();
    assertThat(report)
        .contains("paper-fig1/gridworld-N3-K9.png")
        .contains("## The paper's experiments")
        .doesNotContain("NaN")
        .doesNotContain("Beyond the paper");
    for (String name : List.of("paper-fig2", "paper-fig3", "paper-fig4", "paper-fig5")) {
      try (Stream<Path> files = Files.list(out.resolve(name))) {
        List<Path> pngs = files.filter(p -> p.toString().endsWith(".png")).toList();
        assertThat(pngs).as(name).isNotEmpty();
        pngs.forEach(p -> assertThat(report).contains(name + "/" + p.getFileName()));
      }
    }
    // paper-fig5 runs on Eq. (312) (not symmetric, doubly stochastic, σ = cos(π/N)) and on our
    // symmetric control ring (Assumption 3.1 holds, σ = (1 + 2cos(2π/N))/3)
    ObjectMapper json = new ObjectMapper();
    int directed = 0;
    int symmetric = 0;
    try (Stream<Path> cells = Files.list(out.resolve("paper-fig5"))) {
      for (Path cell : cells.filter(Files::isDirectory).toList()) {
        JsonNode m = json.readTree(cell.resolve("manifest.json").toFile());
        int n = m.get("agents").asInt();
        boolean paperRing = cell.getFileName().toString().contains("directed-ring");
        double sigma = paperRing ? Math.cos(Math.PI / n) : (1 + 2 * Math.cos(2 * Math.PI / n)) / 3;
        assertThat(m.get("sigma").asDouble())
            .isCloseTo(sigma, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(m.get("topology").get("symmetric").asBoolean()).isEqualTo(!paperRing);
        assertThat(m.get("topology").get("doubly_stochastic").asBoolean()).isTrue();
        assertThat(m.get("topology").get("assumption_3_1").asBoolean()).isEqualTo(!paperRing);
        if (paperRing) {
          directed++;
        } else {
          symmetric++;
        }
      }
    }
    assertThat(directed).isEqualTo(4);
    assertThat(symmetric).isEqualTo(4);
    CliHarness.Outcome second =
        CliHarness.run("reproduce", "--quick", "--out", out.toString(), "paper");
    assertThat(second.status()).as(second.err()).isZero();
    List<String> lines = second.out().lines().filter(l -> l.contains(" cells (")).toList();
    assertThat(lines).hasSize(4);
    for (String line : lines) {
      String cells = line.trim().split("\\s+")[1];
      assertThat(line).contains("(" + cells + " already finished)");
    }
  }

  /** Metrics rows without the wall-time column (elapsed_ms, the 8th). */
  private static List<String> withoutTime(Path metrics) throws IOException {
    return Files.readAllLines(metrics).stream()
        .map(
            l -> {
              String[] f = l.split(",", -1);
              f[7] = "";
              return String.join(",", f);
            })
        .toList();
  }

  @Test
  void eq312FromACsvFileGivesTheSameRunAsDirectedRing() throws IOException {
    int n = 5;
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        csv.append(j == 0 ? "" : ",").append(j == i || j == (i + 1) % n ? "0.5" : "0");
      }
      csv.append('\n');
    }
    Files.writeString(tmp.resolve("W.csv"), csv.toString());
    String body =
        "seed: 3\niterations: 25\ngamma: 0.99\n"
            + "environment: {type: gridworld, size: 6, agents: 5}\n"
            + "algorithm: {type: fednpg, eta: 0.1, tau: 0.005}\n";
    Files.writeString(
        tmp.resolve("ring.yaml"), "name: ring\n" + body + "topology: {type: directed-ring}\n");
    Files.writeString(
        tmp.resolve("file.yaml"), "name: file\n" + body + "topology: {type: file, path: W.csv}\n");
    for (String name : List.of("ring", "file")) {
      CliHarness.Outcome o =
          CliHarness.run(
              "run",
              tmp.resolve(name + ".yaml").toString(),
              "--out",
              tmp.resolve("out-" + name).toString());
      assertThat(o.status()).as(o.err()).isZero();
    }
    assertThat(withoutTime(tmp.resolve("out-file/metrics.csv")))
        .isEqualTo(withoutTime(tmp.resolve("out-ring/metrics.csv")));
    ObjectMapper json = new ObjectMapper();
    JsonNode fromFile = json.readTree(tmp.resolve("out-file/manifest.json").toFile());
    assertThat(fromFile.get("sigma").asDouble())
        .isCloseTo(Math.cos(Math.PI / n), org.assertj.core.api.Assertions.within(1e-12));
    assertThat(fromFile.get("topology").get("symmetric").asBoolean()).isFalse();
  }

  @Test
  void topologyDescribeReportsAssumption31() {
    CliHarness.Outcome o =
        CliHarness.run("topology", "describe", "directed-ring", "--agents", "10");
    assertThat(o.status()).as(o.err()).isZero();
    assertThat(o.out())
        .contains(
            "symmetric: false",
            "doubly stochastic: true",
            "assumption 3.1: false",
            String.format(java.util.Locale.ROOT, "sigma: %.6f", Math.cos(Math.PI / 10)));
  }
}
