package org.fednpg.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.cluster.internal.AgentSharding;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.run.RunRequest;
import org.fednpg.core.runtime.RunOptions;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A cluster that outlives its failures (fast, in-JVM variant of {@code SeparateProcessesIT}): one
 * of three nodes crashes mid-run; the run recovers on the two others and completes equal to
 * in-process, the submitter leaves cleanly, the split-brain resolver downs only the crashed node,
 * and the two survivors stay up and serve a second run equal to in-process. A node the cluster
 * downs reports exit status 3, one that is stopped on purpose 0.
 */
class ClusterSurvivalTest {

  /**
   * A short stable-after keeps the test fast (default 20 s). Every member has it, the submitters
   * too: the resolver decides on the leader, which may be a submitter (lowest address), and one
   * waiting 20 s let the nodes' instability window (4 s + 15 s) down everyone, the survivors too. A
   * member with other resolver settings is now refused at join.
   */
  private static final Config RESOLVER =
      ConfigFactory.parseString("pekko.cluster.split-brain-resolver.stable-after = 4s");

  /**
   * Crash = stop without leaving. The nodes tolerate 8 s without a heartbeat (default 3 s) so that
   * a loaded test machine does not make them unreachable to each other.
   */
  private static final Config NODE =
      ConfigFactory.parseString(
              "pekko.coordinated-shutdown.run-by-actor-system-terminate = off\n"
                  + "pekko.cluster.failure-detector.acceptable-heartbeat-pause = 8s\n")
          .withFallback(RESOLVER);

  @Test
  @Timeout(180)
  void losingOneOfThreeNodesLeavesTheOtherTwoServing() throws Exception {
    ClusterNode a =
        ClusterNode.start(Plugins.registry(), "127.0.0.1", 0, List.of(), AgentSharding.ROLE, NODE);
    ClusterNode b =
        ClusterNode.start(
            Plugins.registry(), "127.0.0.1", 0, List.of(a.address()), AgentSharding.ROLE, NODE);
    ClusterNode c =
        ClusterNode.start(
            Plugins.registry(), "127.0.0.1", 0, List.of(a.address()), AgentSharding.ROLE, NODE);
    String victim = c.address();
    try {
      a.awaitUp(3, Duration.ofSeconds(60));
      RunRequest request = ClusterTestRuns.gridWorld(5, 6);
      RunOptions long60 = new RunOptions(60, 1, 1);
      List<IterationMetrics> recovered = new ArrayList<>();
      submitter(Map.of("cluster", a.address(), "timeout_s", 30L))
          .run(
              ClusterTestRuns.assemble(request),
              request,
              long60,
              row -> {
                recovered.add(row);
                if (row.iteration() == 3) {
                  c.system().terminate();
                }
              });
      List<IterationMetrics> uninterrupted = ClusterTestRuns.inProcess(request, long60);
      assertThat(recovered).hasSize(uninterrupted.size());
      for (int t = 0; t < uninterrupted.size(); t++) {
        assertThat(recovered.get(t).value())
            .isCloseTo(uninterrupted.get(t).value(), within(Tolerances.REORDERED));
        assertThat(recovered.get(t).messages()).isEqualTo(uninterrupted.get(t).messages());
      }
      assertThat(Cluster.get(a.system()).state().getMembers().toString()).doesNotContain(victim);

      // The resolver removes the crashed node (stable-after 4 s) and keeps the majority.
      awaitMembers(a, 2, Duration.ofSeconds(60));
      awaitMembers(b, 2, Duration.ofSeconds(60));
      // Past the resolver's instability window (stable-after + 15 s) nothing else is downed.
      Thread.sleep(Duration.ofSeconds(20).toMillis());
      for (ClusterNode s : List.of(a, b)) {
        assertThat(s.system().whenTerminated().isCompleted()).isFalse();
        assertThat(Cluster.get(s.system()).selfMember().status()).isEqualTo(MemberStatus.up());
        assertThat(Cluster.get(s.system()).state().getMembers()).hasSize(2);
      }

      RunOptions options = new RunOptions(5, 1, 1);
      List<IterationMetrics> expected = ClusterTestRuns.inProcess(request, options);
      List<IterationMetrics> actual = new ArrayList<>();
      submitter(Map.of("cluster", b.address()))
          .run(ClusterTestRuns.assemble(request), request, options, actual::add);
      assertThat(actual).hasSize(expected.size());
      for (int t = 0; t < expected.size(); t++) {
        assertThat(actual.get(t).value())
            .isCloseTo(expected.get(t).value(), within(Tolerances.REORDERED));
      }
      // The submitters left: only the two nodes remain.
      awaitMembers(a, 2, Duration.ofSeconds(30));
    } finally {
      b.system().terminate();
      a.system().terminate();
      c.system().terminate();
      b.awaitTermination();
      a.awaitTermination();
    }
  }

  /** The engine of `fednpg run --cluster`, its client with the nodes' resolver settings. */
  private static PekkoRunEngine submitter(Map<String, Object> params) {
    return ((PekkoRunEngine) ClusterTestRuns.pekko(params)).withMemberConfig(RESOLVER);
  }

  @Test
  @Timeout(120)
  void aDownedNodeExitsNonZeroAStoppedOneZero() throws Exception {
    ClusterNode a = ClusterNode.start(Plugins.registry(), "127.0.0.1", 0, List.of());
    ClusterNode b = ClusterNode.start(Plugins.registry(), "127.0.0.1", 0, List.of(a.address()));
    a.awaitUp(2, Duration.ofSeconds(60));
    Cluster.get(a.system())
        .manager()
        .tell(new Down(Cluster.get(b.system()).selfMember().address()));
    assertThat(b.awaitExit()).isEqualTo(ClusterNode.EXIT_ABNORMAL);
    a.close();
    assertThat(a.awaitExit()).isZero();
  }

  private static void awaitMembers(ClusterNode node, int members, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      var state = Cluster.get(node.system()).state();
      int n = 0;
      for (var m : state.getMembers()) {
        n++;
      }
      if (n == members && state.getUnreachable().isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            node.address()
                + " sees "
                + n
                + " members, unreachable "
                + state.getUnreachable()
                + "; expected "
                + members);
      }
      Thread.sleep(100);
    }
  }
}
