package org.fednpg.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.run.AssembledRun;
import org.fednpg.core.run.RunRequest;
import org.fednpg.core.runtime.InProcessRuntime;
import org.fednpg.core.runtime.RunOptions;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Time per iteration of the paper-sized GridWorld (K = 100, N = 240, ring, metrics every 10
 * iterations) on three separate {@code fednpg node} processes on loopback, next to the in-process
 * runtime, for the README's scale-out table. Logs the numbers, the bytes on the wire ({@code count:
 * wire}) against the payload, and asserts only that every row equals in-process (no timing
 * assertion). Sizes can be lowered with {@code -Dfednpg.scaleout.size}, {@code .agents}, {@code
 * .iterations}; {@code -Dfednpg.scaleout.jfr=FILE} records a JFR profile of the first node; {@code
 * -Dfednpg.scaleout.xmx} sets the nodes' heap (default 1200m). Run: {@code mvn -pl fednpg-cluster
 * test -Dtest=ClusterScaleOutIT -Dfednpg.test.log=INFO}.
 */
class ClusterScaleOutIT {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterScaleOutIT.class);

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
  @Timeout(3600)
  void paperGridWorldOnThreeNodeProcesses() throws Exception {
    int size = Integer.getInteger("fednpg.scaleout.size", 100);
    int agents = Integer.getInteger("fednpg.scaleout.agents", 240);
    int iterations = Integer.getInteger("fednpg.scaleout.iterations", 20);
    int every = 10;
    RunRequest request = ClusterTestRuns.gridWorld(size, agents);
    RunOptions options = new RunOptions(iterations, every, 2);

    long[] inStamps = new long[2];
    List<IterationMetrics> expected = new ArrayList<>();
    AssembledRun local = ClusterTestRuns.assemble(request);
    new InProcessRuntime()
        .run(
            local.algorithm(),
            local.topology(),
            local.metrics(),
            options,
            row -> {
              expected.add(row);
              inStamps[row.iteration() == 0 ? 0 : 1] = System.nanoTime();
            });
    double inProcess = (inStamps[1] - inStamps[0]) / 1e9 / iterations;
    local = null;

    Path logs = Files.createTempDirectory("fednpg-scaleout");
    List<Integer> ports = NodeProcesses.freePorts(3);
    String seed = "127.0.0.1:" + ports.get(0);
    for (int i = 0; i < ports.size(); i++) {
      processes.add(
          node(
              ports.get(i), seed, logs, i == 0 ? System.getProperty("fednpg.scaleout.jfr") : null));
    }
    try (ClusterNode observer =
        ClusterNode.start(
            Plugins.registry(),
            "127.0.0.1",
            0,
            List.of(seed),
            ClusterNode.CLIENT_ROLE,
            ConfigFactory.empty())) {
      observer.awaitUp(3, Duration.ofSeconds(120));
    }

    long[] stamps = new long[2];
    List<IterationMetrics> actual = new ArrayList<>();
    ClusterTestRuns.pekko(Map.of("cluster", seed, "count", "wire", "timeout_s", 600L))
        .run(
            ClusterTestRuns.assemble(request),
            request,
            options,
            row -> {
              actual.add(row);
              stamps[row.iteration() == 0 ? 0 : 1] = System.nanoTime();
            });
    double cluster = (stamps[1] - stamps[0]) / 1e9 / iterations;

    IterationMetrics last = actual.get(actual.size() - 1);
    IterationMetrics ref = expected.get(expected.size() - 1);
    // Inside the timed window (row 0 to the last row; before row 0 the nodes still assemble and
    // their first tables wait for neighbours that are not built yet).
    long windowTransmissions = last.messages() - actual.get(0).messages();
    long windowLogical = ref.messages() - expected.get(0).messages();
    LOG.info(
        "between row 0 and the last row: {} table transmissions for {} logical messages, {} wire"
            + " bytes for {} payload bytes",
        windowTransmissions,
        windowLogical,
        last.bytesSent() - actual.get(0).bytesSent(),
        ref.bytesSent() - expected.get(0).bytesSent());
    LOG.info(
        "K = {}, N = {}, {} iterations, metrics every {}: in-process {} s/iteration, 3 node"
            + " processes {} s/iteration ({}x); wire {} bytes in {} table transmissions vs payload"
            + " {} bytes in {} messages ({} wire bytes per payload byte); logs in {}",
        size,
        agents,
        iterations,
        every,
        String.format("%.3f", inProcess),
        String.format("%.3f", cluster),
        String.format("%.2f", cluster / inProcess),
        last.bytesSent(),
        last.messages(),
        ref.bytesSent(),
        ref.messages(),
        String.format("%.4f", (double) last.bytesSent() / ref.bytesSent()),
        logs);
    assertThat(actual).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i).iteration()).isEqualTo(expected.get(i).iteration());
      assertThat(actual.get(i).value())
          .isCloseTo(expected.get(i).value(), within(Tolerances.REORDERED));
      assertThat(actual.get(i).consensus())
          .isCloseTo(expected.get(i).consensus(), within(Tolerances.REORDERED));
      assertThat(actual.get(i).agentValueMin())
          .isCloseTo(expected.get(i).agentValueMin(), within(Tolerances.REORDERED));
    }
    // Every logical message went out at least once; the wire carries at least its 8 bytes/number.
    assertThat(last.messages()).isGreaterThanOrEqualTo(ref.messages());
    assertThat(last.bytesSent()).isGreaterThan(ref.bytesSent());
  }

  private static Process node(int port, String seed, Path logs, String jfr) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + System.getProperty("fednpg.scaleout.xmx", "1200m"));
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    if (jfr != null) {
      cmd.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
    }
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            NodeMain.class.getName(),
            "127.0.0.1",
            Integer.toString(port),
            seed,
            "-",
            "-"));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectErrorStream(true);
    pb.redirectOutput(logs.resolve("node-" + port + ".log").toFile());
    return pb.start();
  }
}
