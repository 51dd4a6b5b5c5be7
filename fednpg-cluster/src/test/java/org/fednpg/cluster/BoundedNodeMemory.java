package org.fednpg.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.run.RunRequest;
import org.fednpg.core.runtime.RunOptions;
import org.fednpg.testing.Tolerances;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of the bounded-memory checks (issue 19): three {@link NodeMain} JVMs and one {@link
 * SubmitMain} JVM, each with a heap cap, run the paper GridWorld K = size, N = agents; the rows
 * must equal in-process within {@link Tolerances#REORDERED}, no JVM may die, and each JVM's peak
 * heap (from its GC log, see {@link NodeProcesses}) is logged.
 *
 * <p>Why the cap is one the whole run does not fit in: the same run in one JVM ({@link
 * InProcessMain}) with the node's cap must die of {@code OutOfMemoryError} (exit status 3 under
 * {@code -XX:+ExitOnOutOfMemoryError}). Before node-local assembly every node built every agent,
 * i.e. held at least what that JVM held.
 */
final class BoundedNodeMemory {

  private static final Logger LOG = LoggerFactory.getLogger(BoundedNodeMemory.class);

  /** What one bounded run measured. */
  record Measured(List<Long> nodePeakMb, long submitterPeakMb, long elapsedMs) {}

  private BoundedNodeMemory() {}

  static Measured check(
      int size, int agents, int iterations, int every, int nodeXmxMb, int submitterXmxMb)
      throws Exception {
    try (NodeProcesses jvms = new NodeProcesses()) {

      List<Integer> ports = NodeProcesses.freePorts(3);
      String seed = "127.0.0.1:" + ports.get(0);
      List<Process> nodes = new ArrayList<>();
      for (int port : ports) {
        nodes.add(jvms.node(port, seed, nodeXmxMb + "m"));
      }
      Path out = jvms.logs.resolve("rows.txt");
      Process submitter =
          jvms.submitter(seed, size, agents, iterations, every, out, submitterXmxMb + "m");
      boolean ended = submitter.waitFor(1500, TimeUnit.SECONDS);
      assertThat(ended).as("submitter finished").isTrue();
      assertThat(submitter.exitValue())
          .as("submitter exit status; its log:\n%s", jvms.log("submitter"))
          .isZero();
      for (int i = 0; i < 3; i++) {
        assertThat(nodes.get(i).isAlive())
            .as("node %d still up; its log:\n%s", i, jvms.log("node-" + ports.get(i)))
            .isTrue();
      }

      RunRequest request = ClusterTestRuns.gridWorld(size, agents);
      List<IterationMetrics> expected =
          ClusterTestRuns.inProcess(request, new RunOptions(iterations, every, 1));
      List<String> lines = Files.readAllLines(out);
      long elapsed = Long.parseLong(lines.get(lines.size() - 1).split(" ")[1]);
      List<String> rows = lines.subList(0, lines.size() - 1);
      assertThat(rows).hasSize(expected.size());
      for (int t = 0; t < expected.size(); t++) {
        String[] f = rows.get(t).split(" ");
        IterationMetrics e = expected.get(t);
        assertThat(Long.parseLong(f[0])).isEqualTo(e.iteration());
        assertThat(Double.parseDouble(f[1])).isCloseTo(e.value(), within(Tolerances.REORDERED));
        assertThat(Double.parseDouble(f[2]))
            .isCloseTo(e.optimalityGap(), within(Tolerances.REORDERED));
        assertThat(Double.parseDouble(f[3])).isCloseTo(e.consensus(), within(Tolerances.REORDERED));
      }
      List<Long> peaks = new ArrayList<>();
      for (int port : ports) {
        peaks.add(jvms.peakHeapMb("node-" + port));
      }
      long subPeak = jvms.peakHeapMb("submitter");
      // after the cluster run (so the two never compete for memory or cores)
      Process whole = jvms.inProcess(size, agents, iterations, every, nodeXmxMb + "m");
      assertThat(whole.waitFor(600, TimeUnit.SECONDS)).isTrue();
      assertThat(whole.exitValue())
          .as(
              "the whole run in one JVM capped at %d MiB must run out of memory (node peaks %s"
                  + " MiB, that JVM's %d MiB)",
              nodeXmxMb, peaks, jvms.peakHeapMb("inprocess"))
          .isEqualTo(3);
      assertThat(jvms.log("inprocess")).contains("OutOfMemoryError");
      LOG.info(
          "bounded run K={} N={} T={}: node peak heap {} MiB (cap {} MiB each), submitter {} MiB"
              + " (cap {} MiB); the whole run in one JVM of that cap ran out of memory; {} ms",
          size,
          agents,
          iterations,
          peaks,
          nodeXmxMb,
          subPeak,
          submitterXmxMb,
          elapsed);
      return new Measured(peaks, subPeak, elapsed);
    }
  }
}
