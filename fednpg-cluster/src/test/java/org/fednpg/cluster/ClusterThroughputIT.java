package org.fednpg.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.run.RunRequest;
import org.fednpg.core.runtime.RunOptions;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rounds per second of the pekko runtime on three embedded loopback nodes, next to the in-process
 * runtime, for the README. Logs the numbers; asserts only that the results agree (no timing
 * assertion). Metrics rows only at t = 0 and T, so the coordinator's metrics do not dominate. Run:
 * {@code mvn -pl fednpg-cluster test -Dtest=ClusterThroughputIT}.
 */
class ClusterThroughputIT {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterThroughputIT.class);

  @ParameterizedTest
  @CsvSource({"12, 200", "100, 100"})
  void roundsPerSecond(int agents, int iterations) {
    RunRequest request = ClusterTestRuns.gridWorld(10, agents);
    RunOptions options = new RunOptions(iterations, iterations, 2);

    List<Long> inProcessTimes = new ArrayList<>();
    List<IterationMetrics> expected = new ArrayList<>();
    long t0 = System.nanoTime();
    expected.addAll(ClusterTestRuns.inProcess(request, options));
    inProcessTimes.add(System.nanoTime() - t0);

    List<IterationMetrics> actual = new ArrayList<>();
    long[] stamps = new long[2];
    ClusterTestRuns.pekko(Map.of("nodes", 3L))
        .run(
            ClusterTestRuns.assemble(request),
            request,
            options,
            row -> {
              actual.add(row);
              stamps[row.iteration() == 0 ? 0 : 1] = System.nanoTime();
            });
    double seconds = (stamps[1] - stamps[0]) / 1e9;
    double inProcessSeconds = inProcessTimes.get(0) / 1e9;
    LOG.info(
        "N = {}: pekko (3 loopback nodes) {} iterations in {} s = {} iterations/s ({} exchanges/s);"
            + " in-process (incl. assembly) {} iterations/s",
        agents,
        iterations,
        String.format("%.2f", seconds),
        String.format("%.1f", iterations / seconds),
        String.format("%.1f", 2 * iterations / seconds),
        String.format("%.1f", iterations / inProcessSeconds));
    assertThat(actual.get(1).value())
        .isCloseTo(expected.get(1).value(), within(Tolerances.REORDERED));
    assertThat(actual.get(1).messages()).isEqualTo(expected.get(1).messages());
  }
}
