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
        algorithm: {type: fednpg, eta: 0.5, tau: 0.01}
        """);
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
