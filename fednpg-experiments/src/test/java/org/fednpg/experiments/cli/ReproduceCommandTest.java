package org.fednpg.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.fednpg.experiments.reproduce.MarkdownTables;
import org.fednpg.experiments.reproduce.Reproduction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fednpg reproduce --quick}: every experiment, every figure, and skipping on re-run. */
class ReproduceCommandTest {

  @TempDir Path tmp;

  @Test
  void quickReproductionProducesEveryFigureAndSkipsFinishedCellsOnRerun() throws IOException {
    Path out = tmp.resolve("repro");
    CliHarness.Outcome first = CliHarness.run("reproduce", "--quick", "--out", out.toString());
    assertThat(first.status()).as(first.err()).isZero();
    String report = Files.readString(out.resolve("REPORT.md"));
    for (String name : Reproduction.names()) {
      Path dir = out.resolve(name);
      assertThat(dir.resolve("summary.csv")).exists();
      try (Stream<Path> files = Files.list(dir)) {
        List<Path> pngs = files.filter(p -> p.toString().endsWith(".png")).toList();
        assertThat(pngs).as(name).isNotEmpty();
        for (Path png : pngs) {
          assertThat(report).contains(name + "/" + png.getFileName());
          assertThat(Files.size(png)).isGreaterThan(1000);
        }
      }
    }
    assertThat(out.resolve("map-size/gridworld-map.png")).exists();
    assertThat(report).contains("Findings (measured)").doesNotContain("NaN");
    assertThat(first.out()).contains("(0 already finished)");
    // a valid GFM document: every table parses, every row has the header's width
    assertThat(MarkdownTables.problems(report)).isEmpty();
    assertThat(MarkdownTables.count(report)).isGreaterThanOrEqualTo(Reproduction.names().size());
    // the stays-below metric, not a first-hitting time
    assertThat(report).contains("stays ≤ 1e-3").doesNotContain("Iterations to reach");

    CliHarness.Outcome second = CliHarness.run("reproduce", "--quick", "--out", out.toString());
    assertThat(second.status()).as(second.err()).isZero();
    // the re-run only redraws: REPORT.md keeps the first run's timings (stored with the results)
    assertThat(timings(report)).hasSize(Reproduction.names().size());
    assertThat(timings(Files.readString(out.resolve("REPORT.md")))).isEqualTo(timings(report));
    for (String line : second.out().split("\n")) {
      if (line.contains(" cells (")) {
        String[] parts = line.trim().split("\\s+");
        String cells = parts[1];
        assertThat(line).contains("(" + cells + " already finished)");
      }
    }
  }

  /** The run-time column of the report's first table, one entry per experiment. */
  private static List<String> timings(String report) {
    return report.lines().filter(l -> l.matches("^\\| [a-z0-9-]+ \\| \\d+ \\| \\d+ \\| .*"))
        .map(l -> l.split("\\|")[4].trim()).toList();
  }

  @Test
  void unknownExperimentIsNamed() {
    CliHarness.Outcome o = CliHarness.run("reproduce", "--quick", "--out",
        tmp.resolve("x").toString(), "map-sise");
    assertThat(o.status()).isEqualTo(FedNpgCommand.EXIT_INPUT);
    assertThat(o.err()).contains("map-sise", "map-size");
  }

  @Test
  void compareReportsMeanAndConfidenceOverSeeds() throws IOException {
    Path out = tmp.resolve("repro");
    assertThat(CliHarness.run("reproduce", "--quick", "--out", out.toString(), "robustness")
        .status()).isZero();
    CliHarness.Outcome o = CliHarness.run("compare", out.resolve("robustness").toString());
    assertThat(o.status()).as(o.err()).isZero();
    // 3 values of epsilon, 2 seeds each → 3 groups of 2 runs
    assertThat(o.out().lines().filter(l -> l.matches("^\\d+\\s+2\\s+.*"))).hasSize(3);
    assertThat(o.out()).contains("±");
  }

  @Test
  void plotDrawsAnyFinishedSweep() throws IOException {
    Path out = tmp.resolve("repro");
    assertThat(CliHarness.run("reproduce", "--quick", "--out", out.toString(), "robustness")
        .status()).isZero();
    Path png = tmp.resolve("eps.png");
    CliHarness.Outcome o = CliHarness.run("plot", out.resolve("robustness").toString(), "--by",
        "evaluator.epsilon", "--out", png.toString());
    assertThat(o.status()).as(o.err()).isZero();
    assertThat(Files.size(png)).isGreaterThan(1000);
    CliHarness.Outcome bad = CliHarness.run("plot", out.resolve("robustness").toString(),
        "--metric", "gapp");
    assertThat(bad.status()).isEqualTo(FedNpgCommand.EXIT_INPUT);
    assertThat(bad.err()).contains("gapp", "optimality_gap");
  }
}
