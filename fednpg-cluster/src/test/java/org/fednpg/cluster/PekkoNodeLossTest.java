package org.fednpg.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fednpg.api.FedNpgException;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.cluster.internal.AgentSharding;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.run.RunRequest;
import org.fednpg.core.runtime.RunOptions;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The designed outcome of a node dying mid-run: a clear {@link FedNpgException} naming the lost
 * node, within a bounded time, and no row after the loss; every row before it is exact.
 */
class PekkoNodeLossTest {

  private static final int KILL_AT = 3;

  @Test
  @Timeout(60)
  void killedNodeFailsTheRunNamingIt() throws Exception {
    RunRequest request = ClusterTestRuns.gridWorld(10, 12);
    RunOptions options = new RunOptions(500, 1, 2);
    List<IterationMetrics> expected =
        ClusterTestRuns.inProcess(request, new RunOptions(KILL_AT, 1, 2));

    // Node c crashes: its actor system stops without leaving the cluster (no graceful hand-off).
    // All three nodes stop that way, so the clean-up does not wait for a cluster that cannot
    // converge any more.
    Config crash =
        ConfigFactory.parseString("pekko.coordinated-shutdown.run-by-actor-system-terminate = off");
    ClusterNode a =
        ClusterNode.start(Plugins.registry(), "127.0.0.1", 0, List.of(), AgentSharding.ROLE, crash);
    ClusterNode b =
        ClusterNode.start(
            Plugins.registry(), "127.0.0.1", 0, List.of(a.address()), AgentSharding.ROLE, crash);
    ClusterNode c =
        ClusterNode.start(
            Plugins.registry(), "127.0.0.1", 0, List.of(a.address()), AgentSharding.ROLE, crash);
    String victim = c.address();
    try {
      a.awaitUp(3, Duration.ofSeconds(30));
      List<IterationMetrics> rows = new ArrayList<>();
      long[] killedAt = new long[1];
      assertThatThrownBy(
              () ->
                  ClusterTestRuns.pekko(Map.of("cluster", a.address(), "timeout_s", 20L))
                      .run(
                          ClusterTestRuns.assemble(request),
                          request,
                          options,
                          row -> {
                            rows.add(row);
                            if (row.iteration() == KILL_AT) {
                              killedAt[0] = System.nanoTime();
                              c.system().terminate();
                            }
                          }))
          .isInstanceOf(FedNpgException.class)
          .hasMessageContaining(victim)
          .hasMessageContaining("agent");
      double seconds = (System.nanoTime() - killedAt[0]) / 1e9;
      // Bounded: the failure detector (3 s heartbeat pause) or the stopped agents report first;
      // far below the 20 s progress timeout.
      assertThat(seconds).isLessThan(15);
      // Never silently wrong: the rows delivered before the failure are the in-process ones.
      assertThat(rows.size()).isGreaterThan(KILL_AT);
      for (int t = 0; t <= KILL_AT; t++) {
        assertThat(rows.get(t).value())
            .isCloseTo(expected.get(t).value(), within(Tolerances.REORDERED));
        assertThat(rows.get(t).consensus())
            .isCloseTo(expected.get(t).consensus(), within(Tolerances.REORDERED));
      }
      assertThat(rows.size()).isLessThan(options.iterations() + 1);
    } finally {
      b.close();
      a.close();
      c.close();
    }
  }
}
