package org.fednpg.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.cluster.typed.Cluster;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.cluster.internal.TlsStores;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.run.RunRequest;
import org.fednpg.core.runtime.RunOptions;
import org.fednpg.testing.LogCapture;
import org.fednpg.testing.Tolerances;
import org.fednpg.testkit.Harness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real deployment: three node JVMs ({@link NodeMain}, i.e. {@code fednpg node --tls DIR --data
 * DIR}, with {@code -XX:+ExitOnOutOfMemoryError}) on loopback with mutual TLS, runs submitted from
 * this JVM with {@code cluster: host:port}. A fourth process without the TLS stores never joins.
 * One node is killed with SIGKILL mid-run: its agents restart on the two survivors from the last
 * coordinated checkpoint ({@code checkpoint_every: 5}) once the split-brain resolver has downed it
 * (default settings: 20 s stable-after), and the run completes with the rows of the uninterrupted
 * run (every column except {@code elapsed_ms}); the survivors stay up past the resolver's
 * instability window (15 s) and serve another run equal to in-process.
 */
class SeparateProcessesIT {

  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      p.waitFor();
    }
  }

  @Test
  @Timeout(400)
  void sigkilledNodeIsRecoveredAndTheSurvivorsServeTheNextRun() throws Exception {
    Path tls = TlsFixtures.shared().resolve("member");
    Path data = Files.createTempDirectory("fednpg-node-data");
    List<Integer> ports = NodeProcesses.freePorts(3);
    String seed = "127.0.0.1:" + ports.get(0);
    Path logs = Files.createTempDirectory("fednpg-nodes");
    for (int port : ports) {
      processes.add(node(port, seed, tls, data, logs));
    }
    Map<String, Object> runtime = new HashMap<>(Map.of("cluster", seed, "tls", tls.toString()));
    try (ClusterNode observer =
        ClusterNode.start(
            Plugins.registry(),
            "127.0.0.1",
            0,
            List.of(seed),
            ClusterNode.CLIENT_ROLE,
            TlsStores.config(tls))) {
      observer.awaitUp(3, Duration.ofSeconds(120));
      // A process without the stores keeps knocking but is never let in.
      Process rogue = node(NodeProcesses.freePorts(1).get(0), seed, null, null, logs);
      processes.add(rogue);
      Thread.sleep(10_000);
      assertThat(rogue.isAlive()).isTrue();
      assertThat(Cluster.get(observer.system()).state().getMembers()).hasSize(4); // 3 + observer
    }

    RunRequest request = ClusterTestRuns.gridWorld(10, 12);
    RunOptions options = new RunOptions(30, 1, 2);
    List<IterationMetrics> expected = ClusterTestRuns.inProcess(request, options);
    runtime.put("checkpoint_every", 5L);
    List<IterationMetrics> uninterrupted = run(request, runtime, options, null);
    assertEqual(uninterrupted, expected);

    Process victim = processes.get(2);
    List<IterationMetrics> recovered;
    List<String> messages;
    try (LogCapture log = LogCapture.of(PekkoRunEngine.class)) {
      recovered = run(request, runtime, options, victim);
      messages = log.messages();
    }
    // a recovery really happened: the killed node was seen lost and its agents restarted
    assertThat(messages.stream().filter(m -> m.contains("restart on the live nodes")).toList())
        .singleElement()
        .asString()
        .contains("127.0.0.1:" + ports.get(2));
    assertThat(victim.waitFor()).isEqualTo(137); // 128 + SIGKILL
    // Every row once, in order, and every column except elapsed_ms equal to the uninterrupted run.
    assertThat(Harness.withoutTiming(recovered)).isEqualTo(Harness.withoutTiming(uninterrupted));
    runtime.remove("checkpoint_every");

    // Well past stable-after (20 s) + the instability window (15 s): nobody else was downed.
    Thread.sleep(Duration.ofSeconds(45).toMillis());
    assertThat(processes.get(0).isAlive()).isTrue();
    assertThat(processes.get(1).isAlive()).isTrue();
    for (int i = 0; i < 2; i++) {
      assertThat(Files.readString(logs.resolve("node-" + ports.get(i) + ".log")))
          .doesNotContain("downing all")
          .doesNotContain("will down all");
    }
    assertEqual(run(request, runtime, options, null), expected);
    assertThat(processes.get(0).isAlive()).isTrue();
    assertThat(processes.get(1).isAlive()).isTrue();
  }

  private static List<IterationMetrics> run(
      RunRequest request, Map<String, Object> runtime, RunOptions options, Process killAt8) {
    List<IterationMetrics> rows = new ArrayList<>();
    ClusterTestRuns.pekko(runtime)
        .run(
            ClusterTestRuns.assemble(request),
            request,
            options,
            row -> {
              rows.add(row);
              if (killAt8 != null && row.iteration() == 8) {
                killAt8.destroyForcibly();
              }
            });
    return rows;
  }

  private static void assertEqual(List<IterationMetrics> actual, List<IterationMetrics> expected) {
    assertThat(actual).hasSize(expected.size());
    for (int t = 0; t < expected.size(); t++) {
      assertThat(actual.get(t).value())
          .isCloseTo(expected.get(t).value(), within(Tolerances.REORDERED));
      assertThat(actual.get(t).consensus())
          .isCloseTo(expected.get(t).consensus(), within(Tolerances.REORDERED));
      assertThat(actual.get(t).bytesSent()).isEqualTo(expected.get(t).bytesSent());
    }
  }

  private static Process node(int port, String seed, Path tls, Path data, Path logs)
      throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-XX:+ExitOnOutOfMemoryError",
            "-cp",
            System.getProperty("java.class.path"),
            NodeMain.class.getName(),
            "127.0.0.1",
            Integer.toString(port),
            seed,
            tls == null ? "-" : tls.toString(),
            data == null ? "-" : data.toString());
    pb.redirectErrorStream(true);
    pb.redirectOutput(logs.resolve("node-" + port + ".log").toFile());
    return pb.start();
  }
}
