package org.fednpg.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.fednpg.experiments.plugins.CrashingEvaluatorProvider;
import org.fednpg.experiments.results.MetricsCsv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed after a checkpoint and continued with --resume writes the same metrics.csv as an
 * uninterrupted run, byte for byte in every column but elapsed_ms (wall time differs between any
 * two runs).
 */
class ResumeTest {

  @TempDir Path tmp;

  @AfterEach
  void disarm() {
    CrashingEvaluatorProvider.ARMED.set(false);
  }

  @Test
  void resumedMetricsAreIdenticalToAnUninterruptedRun() throws IOException {
    List<String> lines = resumedEqualsWhole("algorithm: {type: fednpg, eta: 0.5, tau: 0.01}\n");
    assertThat(lines.get(0)).isEqualTo(String.join(",", MetricsCsv.COLUMNS));
  }

  /**
   * With an adversary block the file has the honest_tracking_drift column (issue 20), filled on
   * every row, and a resume continues it exactly; reading the folder back gives the same drift.
   */
  @Test
  void withAnAdversaryTheDriftColumnIsWrittenResumedAndReadBack() throws IOException {
    List<String> lines =
        resumedEqualsWhole(
            "algorithm: {type: fednpg, eta: 0.5, tau: 0.01, aggregation: clipped, clip: 0.5}\n"
                + "adversary: {agents: [1], attack: stale, lag: 2}\n");
    assertThat(lines.get(0))
        .isEqualTo(String.join(",", MetricsCsv.columns(true)))
        .endsWith(",honest_tracking_drift");
    List<org.fednpg.api.run.IterationMetrics> read =
        org.fednpg.experiments.results.ResultsReader.metrics(tmp.resolve("broken"));
    assertThat(read).hasSize(lines.size() - 1);
    for (int l = 1; l < lines.size(); l++) {
      String[] cells = lines.get(l).split(",", -1);
      assertThat(cells).hasSize(MetricsCsv.COLUMNS.size() + 1);
      assertThat(read.get(l - 1).honestTrackingDrift())
          .isEqualTo(Double.parseDouble(cells[cells.length - 1]));
    }
    assertThat(read.get(read.size() - 1).honestTrackingDrift()).isGreaterThan(1e-6);
  }

  /** Runs the spec whole, then crashed and resumed; returns the resumed metrics.csv lines. */
  private List<String> resumedEqualsWhole(String algorithmAndAdversary) throws IOException {
    Path spec = tmp.resolve("long.yaml");
    Files.writeString(
        spec,
        """
        name: long
        seed: 3
        iterations: 40
        environment: {type: garnet, states: 12, actions: 3, branching: 3, agents: 5}
        topology: {type: ring, neighbors: 1, weights: metropolis, drop: 0.2}
        evaluator: {type: test-crash, at: 27}
        """
            + algorithmAndAdversary);
    Path whole = tmp.resolve("whole");
    assertThat(CliHarness.run("run", spec.toString(), "--out", whole.toString()).status()).isZero();

    Path broken = tmp.resolve("broken");
    CrashingEvaluatorProvider.ARMED.set(true);
    CliHarness.Outcome crash =
        CliHarness.run(
            "run", spec.toString(), "--out", broken.toString(), "--checkpoint-every", "10");
    assertThat(crash.status()).isNotZero();
    assertThat(crash.err()).contains("simulated crash at iteration 27");
    assertThat(broken.resolve("metrics.csv")).doesNotExist();
    assertThat(broken.resolve("checkpoint.bin")).exists();

    CrashingEvaluatorProvider.ARMED.set(false);
    CliHarness.Outcome resumed =
        CliHarness.run(
            "run",
            spec.toString(),
            "--out",
            broken.toString(),
            "--checkpoint-every",
            "10",
            "--resume");
    assertThat(resumed.status()).as(resumed.err()).isZero();
    assertThat(broken.resolve("checkpoint.bin")).doesNotExist();
    assertThat(withoutElapsed(broken.resolve("metrics.csv")))
        .isEqualTo(withoutElapsed(whole.resolve("metrics.csv")));
    return Files.readAllLines(broken.resolve("metrics.csv"));
  }

  private static List<String> withoutElapsed(Path csv) throws IOException {
    int column = MetricsCsv.COLUMNS.indexOf("elapsed_ms");
    return Files.readAllLines(csv).stream()
        .map(
            line -> {
              String[] cells = line.split(",", -1);
              cells[column] = "";
              return String.join(",", cells);
            })
        .collect(Collectors.toList());
  }
}
