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
    CliHarness.Outcome first = CliHarness.run("reproduce", "--quick", "--out", out.toString(),
        "paper");
    assertThat(first.status()).as(first.err()).isZero();
    String report = Files.readString(out.resolve("REPORT.md"));
    // the report opens with the claims table: its first table is the claims table
    int claims = report.indexOf("| figure | the paper's claim");
    assertThat(claims).isPositive().isLessThan(report.indexOf("| experiment | cells"));
    List<String> rows = report.substring(claims, report.indexOf("| experiment | cells")).lines()
        .filter(l -> l.matches("^\\| [2-5] \\|.*")).toList();
    assertThat(rows).hasSize(7).allSatisfy(r -> assertThat(r)
        .containsPattern("\\*\\*(holds|partly|contradicted)\\*\\*"));
    assertThat(out.resolve("paper-fig1/gridworld-N3-K9.png")).exists();
    assertThat(report).contains("paper-fig1/gridworld-N3-K9.png")
        .contains("## The paper's experiments").doesNotContain("NaN")
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
        assertThat(m.get("sigma").asDouble()).isCloseTo(sigma,
            org.assertj.core.api.Assertions.within(1e-12));
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
    CliHarness.Outcome second = CliHarness.run("reproduce", "--quick", "--out", out.toString(),
        "paper");
    assertThat(second.status()).as(second.err()).isZero();
    List<String> lines = second.out().lines().filter(l -> l.contains(" cells (")).toList();
    assertThat(lines).hasSize(4);
    for (String line : lines) {
      String cells = line.trim().split("\\s+")[1];
      assertThat(line).contains("(" + cells + " already finished)");
    }
  }

  @Test
  void topologyDescribeReportsAssumption31() {
    CliHarness.Outcome o = CliHarness.run("topology", "describe", "directed-ring", "--agents",
        "10");
    assertThat(o.status()).as(o.err()).isZero();
    assertThat(o.out()).contains("symmetric: false", "doubly stochastic: true",
        "assumption 3.1: false", String.format(java.util.Locale.ROOT, "sigma: %.6f",
            Math.cos(Math.PI / 10)));
  }
}
