package org.fednpg.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fednpg.experiments.results.FolderLock;
import org.fednpg.experiments.results.MetricsCsv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs into one folder, from two JVMs: a second {@code java} process (the test classpath,
 * {@link FedNpgCommand}) runs a spec whose evaluator pauses half-way (test plugin {@code
 * test-pause}) while this JVM tries the same folder. Exactly one runs, the other is refused at once
 * naming the folder and the holder's pid, and the finished folder is internally consistent:
 * manifest, metrics and spec all of the one run that ran.
 */
class ConcurrentRunsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopChildren() {
    started.forEach(Process::destroyForcibly);
  }

  private Path spec(String name, double eta) throws IOException {
    Path spec = tmp.resolve(name + ".yaml");
    Files.writeString(
        spec,
        "name: "
            + name
            + "\nseed: 4\niterations: 30\n"
            + "environment: {type: garnet, states: 10, actions: 3, branching: 3, agents: 4}\n"
            + "topology: {type: ring, neighbors: 1}\n"
            + "evaluator: {type: test-pause, at: 12, go: '"
            + tmp.resolve("go")
            + "'}\n"
            + "algorithm: {type: fednpg, eta: "
            + eta
            + ", tau: 0.01}\n");
    return spec;
  }

  /** Starts {@code fednpg run} in a new JVM. */
  private Process child(String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                FedNpgCommand.class.getName()));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(tmp.resolve("child-" + started.size() + ".out").toFile())
            .redirectError(tmp.resolve("child-" + started.size() + ".err").toFile())
            .start();
    started.add(p);
    return p;
  }

  /** Waits until the child reached the pause (it then holds the folder's lock). */
  private void awaitPause(Process p) throws InterruptedException {
    Path waiting = tmp.resolve("go.waiting");
    while (!Files.exists(waiting)) {
      assertThat(p.isAlive()).as("child ended before pausing").isTrue();
      Thread.sleep(20);
    }
  }

  @Test
  void secondRunIntoALockedFolderIsRefusedAndTheFirstFinishesConsistently() throws Exception {
    Path a = spec("a", 0.5);
    Path b = spec("b", 0.4);
    Path out = tmp.resolve("X");
    Process first = child("run", a.toString(), "--out", out.toString());
    awaitPause(first);

    CliHarness.Outcome other = CliHarness.run("run", b.toString(), "--out", out.toString());
    assertThat(other.status()).as(other.err()).isEqualTo(FedNpgCommand.EXIT_INPUT);
    assertThat(other.err().strip())
        .doesNotContain("\n")
        .contains(
            out.toAbsolutePath().normalize().toString(),
            "in use by another fednpg run",
            "pid " + first.pid(),
            "started ");
    CliHarness.Outcome same = CliHarness.run("run", a.toString(), "--out", out.toString());
    assertThat(same.status()).as(same.err()).isEqualTo(FedNpgCommand.EXIT_INPUT);
    assertThat(same.err()).contains("pid " + first.pid());
    assertThat(out.resolve("manifest.json")).doesNotExist();

    Files.writeString(tmp.resolve("go"), "");
    assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).as(Files.readString(tmp.resolve("child-0.err"))).isZero();

    JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
    assertThat(manifest.path("cell_spec").path("algorithm").path("eta").asDouble()).isEqualTo(0.5);
    assertThat(manifest.path("cell_spec").path("name").asText()).isEqualTo("a");
    List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
    assertThat(rows.get(0)).isEqualTo(String.join(",", MetricsCsv.COLUMNS));
    assertThat(rows).hasSize(1 + 31);
    for (int t = 0; t <= 30; t++) {
      assertThat(rows.get(1 + t)).startsWith(t + ",");
    }
    String[] last = rows.get(rows.size() - 1).split(",", -1);
    JsonNode fin = manifest.path("final");
    assertThat(fin.path("iteration").asLong()).isEqualTo(30);
    assertThat(fin.path("value").asDouble()).isEqualTo(Double.parseDouble(last[1]));
    assertThat(fin.path("bytes_sent").asLong()).isEqualTo(Long.parseLong(last[9]));
    assertThat(out.resolve("metrics.csv.tmp")).doesNotExist();

    // the lock is free again: the other spec is now refused as a different spec, not as locked
    CliHarness.Outcome after = CliHarness.run("run", b.toString(), "--out", out.toString());
    assertThat(after.status()).isEqualTo(FedNpgCommand.EXIT_INPUT);
    assertThat(after.err()).contains("different spec");
  }

  @Test
  void theLockOfAKilledRunIsTakenOver() throws Exception {
    Path a = spec("a", 0.5);
    Path out = tmp.resolve("K");
    Process first = child("run", a.toString(), "--out", out.toString(), "--checkpoint-every", "5");
    awaitPause(first);
    assertThat(Files.readString(out.resolve(FolderLock.FILE))).contains("pid " + first.pid());
    first.destroyForcibly();
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();

    Files.writeString(tmp.resolve("go"), "");
    CliHarness.Outcome resumed =
        CliHarness.run(
            "run", a.toString(), "--out", out.toString(), "--checkpoint-every", "5", "--resume");
    assertThat(resumed.status()).as(resumed.err()).isZero();
    assertThat(Files.readString(out.resolve(FolderLock.FILE)))
        .contains("pid " + ProcessHandle.current().pid());
    assertThat(Files.readAllLines(out.resolve("metrics.csv"))).hasSize(1 + 31);
  }

  @Test
  void sweepsOverDisjointCellsOfOneFolderRunSideBySide() throws Exception {
    Path out = tmp.resolve("S");
    Path first = tmp.resolve("first.yaml");
    Files.writeString(first, Files.readString(spec("s", 0.5)) + "sweep:\n  seed: [1]\n");
    Path second = tmp.resolve("second.yaml");
    Files.writeString(
        second,
        Files.readString(first)
            .replace("seed: [1]", "seed: [2]")
            .replace(tmp.resolve("go").toString(), tmp.resolve("open").toString()));
    Files.writeString(tmp.resolve("open"), "");
    Path both = tmp.resolve("both.yaml");
    Files.writeString(both, Files.readString(second).replace("seed: [2]", "seed: [2, 1]"));

    Process child = child("run", first.toString(), "--out", out.toString());
    awaitPause(child);
    CliHarness.Outcome disjoint = CliHarness.run("run", second.toString(), "--out", out.toString());
    assertThat(disjoint.status()).as(disjoint.err()).isZero();
    assertThat(out.resolve("seed=2/manifest.json")).exists();
    CliHarness.Outcome overlapping =
        CliHarness.run("run", both.toString(), "--out", out.toString());
    assertThat(overlapping.status()).isEqualTo(FedNpgCommand.EXIT_INPUT);
    assertThat(overlapping.err())
        .contains("seed=1", "in use by another fednpg run", "pid " + child.pid());

    Files.writeString(tmp.resolve("go"), "");
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue()).isZero();
    assertThat(out.resolve("seed=1/manifest.json")).exists();
    for (Path spec : List.of(first, second)) {
      CliHarness.Outcome again = CliHarness.run("run", spec.toString(), "--out", out.toString());
      assertThat(again.status()).as(again.err()).isZero();
      assertThat(again.out()).contains("iteration 30", "(already finished, skipped)");
    }
  }
}
