package org.fednpg.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fednpg.api.FedNpgException;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.run.RunRequest;
import org.fednpg.core.runtime.RunOptions;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real deployment: three node JVMs ({@link NodeMain}, i.e. {@code fednpg node}) on loopback,
 * a run submitted from this JVM with {@code cluster: host:port}; then one node process is killed
 * with SIGKILL mid-run.
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
  @Timeout(180)
  void threeProcessesReproduceInProcessThenFailClearlyOnSigkill() throws Exception {
    int seedPort = freePort();
    String seed = "127.0.0.1:" + seedPort;
    List<Integer> ports = List.of(seedPort, freePort(), freePort());
    Path logs = Files.createTempDirectory("fednpg-nodes");
    for (int port : ports) {
      ProcessBuilder pb = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          NodeMain.class.getName(), "127.0.0.1", Integer.toString(port), seed);
      pb.redirectErrorStream(true);
      pb.redirectOutput(logs.resolve("node-" + port + ".log").toFile());
      processes.add(pb.start());
    }
    try (ClusterNode observer = ClusterNode.start(
        "127.0.0.1", 0, List.of(seed), ClusterNode.CLIENT_ROLE, ConfigFactory.empty())) {
      observer.awaitUp(3, Duration.ofSeconds(90));
    }

    RunRequest request = ClusterTestRuns.gridWorld(10, 12);
    RunOptions options = new RunOptions(30, 1, 2);
    List<IterationMetrics> expected = ClusterTestRuns.inProcess(request, options);
    List<IterationMetrics> actual = new ArrayList<>();
    ClusterTestRuns.pekko(Map.of("cluster", seed))
        .run(ClusterTestRuns.assemble(request), request, options, actual::add);
    assertThat(actual).hasSize(expected.size());
    for (int t = 0; t < expected.size(); t++) {
      assertThat(actual.get(t).value())
          .isCloseTo(expected.get(t).value(), within(Tolerances.REORDERED));
      assertThat(actual.get(t).consensus())
          .isCloseTo(expected.get(t).consensus(), within(Tolerances.REORDERED));
      assertThat(actual.get(t).bytesSent()).isEqualTo(expected.get(t).bytesSent());
    }

    Process victim = processes.get(2);
    String victimAddress = "127.0.0.1:" + ports.get(2);
    assertThatThrownBy(() -> ClusterTestRuns.pekko(Map.of("cluster", seed, "timeout_s", 30L))
        .run(ClusterTestRuns.assemble(request), request, new RunOptions(1000, 1, 2), row -> {
          if (row.iteration() == 3) {
            victim.destroyForcibly();
          }
        }))
        .isInstanceOf(FedNpgException.class)
        .hasMessageContaining(victimAddress)
        .hasMessageContaining("agents");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

}
