package org.fednpg.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.run.RunRequest;
import org.fednpg.core.runtime.RunOptions;
import org.fednpg.core.runtime.RunResult;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pekko runtime computes the same numbers as the in-process runtime: paper GridWorld K = 10, N
 * = 12, ring (one neighbour per side), exact evaluation, FedNPG η = 0.1, τ = 0.01, γ = 0.99. The
 * reference is an independent in-process run of the same request.
 */
class PekkoRuntimeEquivalenceTest {

  private static final int ITERATIONS = 30;

  @Test
  @Timeout(60)
  void threeLoopbackNodesReproduceEveryInProcessColumn() {
    RunRequest request = ClusterTestRuns.gridWorld(10, 12);
    RunOptions options = new RunOptions(ITERATIONS, 1, 2);
    List<IterationMetrics> expected = ClusterTestRuns.inProcess(request, options);

    // Three agent nodes on loopback, each its own actor system and TCP port; the run is submitted
    // through the 'cluster' parameter from a fourth (client) member that hosts no agent.
    try (ClusterNode a = ClusterNode.start(Plugins.registry(), "127.0.0.1", 0, List.of());
        ClusterNode b =
            ClusterNode.start(Plugins.registry(), "127.0.0.1", 0, List.of(a.address()));
        ClusterNode c =
            ClusterNode.start(Plugins.registry(), "127.0.0.1", 0, List.of(a.address()))) {
      a.awaitUp(3, Duration.ofSeconds(30));
      List<ClusterNode> nodes = List.of(a, b, c);
      List<IterationMetrics> actual = new ArrayList<>();
      List<Integer> hosting = new ArrayList<>();
      RunResult result =
          ClusterTestRuns.pekko(Map.of("cluster", a.address()))
              .run(
                  ClusterTestRuns.assemble(request),
                  request,
                  options,
                  row -> {
                    actual.add(row);
                    if (row.iteration() == 1) {
                      nodes.forEach(n -> hosting.add(n.host().activeRuns()));
                    }
                  });

      // Every node hosted agents, so tables really crossed node boundaries.
      assertThat(hosting).containsExactly(1, 1, 1);
      assertThat(actual).hasSize(ITERATIONS + 1);
      assertThat(result.last()).isEqualTo(actual.get(ITERATIONS));
      for (int t = 0; t <= ITERATIONS; t++) {
        IterationMetrics e = expected.get(t);
        IterationMetrics x = actual.get(t);
        assertThat(x.iteration()).isEqualTo(t);
        assertThat(x.value()).isCloseTo(e.value(), within(Tolerances.REORDERED));
        assertThat(x.optimalityGap()).isCloseTo(e.optimalityGap(), within(Tolerances.REORDERED));
        assertThat(x.qError()).isCloseTo(e.qError(), within(Tolerances.REORDERED));
        assertThat(x.consensus()).isCloseTo(e.consensus(), within(Tolerances.REORDERED));
        assertThat(x.agentValueMin()).isCloseTo(e.agentValueMin(), within(Tolerances.REORDERED));
        assertThat(x.agentValueMean()).isCloseTo(e.agentValueMean(), within(Tolerances.REORDERED));
        assertThat(x.samples()).isEqualTo(e.samples());
        assertThat(x.bytesSent()).isEqualTo(e.bytesSent());
        assertThat(x.messages()).isEqualTo(e.messages());
      }
      // Closed form of the counters: a ring of 12 with one neighbour per side has 24 directed
      // edges, FedNPG exchanges 2 tables per iteration, each of |S|·|A| = 100·2 numbers.
      assertThat(actual.get(ITERATIONS).messages()).isEqualTo(24L * 2 * ITERATIONS);
      assertThat(actual.get(ITERATIONS).bytesSent()).isEqualTo(24L * 2 * ITERATIONS * 200 * 8);
      // The run actually moved: the gap shrank (so equal columns are not equal constants).
      assertThat(actual.get(ITERATIONS).optimalityGap()).isLessThan(actual.get(0).optimalityGap());
      // Every node forgets the run once its agents are stopped.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (nodes.stream().anyMatch(n -> n.host().activeRuns() > 0)
          && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(nodes).allSatisfy(n -> assertThat(n.host().activeRuns()).isZero());
    }
  }
}
