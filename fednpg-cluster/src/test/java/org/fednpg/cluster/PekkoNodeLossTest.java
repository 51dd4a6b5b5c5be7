package org.fednpg.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fednpg.api.FedNpgException;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.cluster.internal.AgentSharding;
import org.fednpg.cluster.internal.RunSpec;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.run.RunRequest;
import org.fednpg.core.runtime.RunOptions;
import org.fednpg.testing.LogCapture;
import org.fednpg.testing.Tolerances;
import org.fednpg.testkit.Harness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Recovery from a node that dies mid-run (issue 19, item 5): its agents restart on the surviving
 * nodes from the last coordinated checkpoint, every agent rolls back to that round, and the run
 * completes with the rows of an uninterrupted run (every column except {@code elapsed_ms}); the
 * survivors then serve another run. Only when no agent node is left does the run fail, naming the
 * lost node. Nodes "crash" in this JVM (their actor systems stop without leaving the cluster); the
 * SIGKILL of a separate process is {@code SeparateProcessesIT}'s.
 */
class PekkoNodeLossTest {

  private static final int ITERATIONS = 60;
  private static final int KILL_AT = 2;

  /** Crash without a hand-off; a short stable-after so the resolver downs the lost node soon. */
  private static final Config CRASH =
      ConfigFactory.parseString(
          "pekko.coordinated-shutdown.run-by-actor-system-terminate = off\n"
              + "pekko.cluster.split-brain-resolver.stable-after = 3s");

  @Test
  @Timeout(120)
  void killedNodeIsRecoveredFromTheLastCheckpointWithIdenticalRows() throws Exception {
    RunRequest request = ClusterTestRuns.gridWorld(10, 12);
    RunOptions options = new RunOptions(ITERATIONS, 1, 2);

    ClusterNode a = node(List.of());
    ClusterNode b = node(List.of(a.address()));
    ClusterNode c = node(List.of(a.address()));
    // The submitter is a separate member (a client), as with `fednpg run --cluster`.
    ClusterNode submitter = submitterOf(a);
    try {
      submitter.awaitUp(3, Duration.ofSeconds(30));
      PekkoRunEngine engine =
          (PekkoRunEngine) ClusterTestRuns.pekko(Map.of("checkpoint_every", 2L, "timeout_s", 60L));
      // Source of the expected rows: the same run, uninterrupted, on the same three nodes (and,
      // to the runtimes' summation-order tolerance, the in-process run).
      List<IterationMetrics> expected = new ArrayList<>();
      engine.execute(
          submitter.system(),
          ClusterTestRuns.assembleForMetrics(request),
          RunSpec.of(request),
          options,
          expected::add);
      assertSameUpToReordering(expected, ClusterTestRuns.inProcess(request, options));
      // Placement (our choice): one contiguous block of 4 agents per node, so ring neighbours
      // mostly share a node.
      for (ClusterNode node : List.of(a, b, c)) {
        List<Integer> mine = new ArrayList<>(new java.util.TreeSet<>(node.host().builtAgents()));
        assertThat(mine).hasSize(4);
        assertThat(mine.get(3) - mine.get(0)).isEqualTo(3);
      }
      Set<Integer> onSurvivorsBefore = new HashSet<>(a.host().builtAgents());
      onSurvivorsBefore.addAll(b.host().builtAgents());

      List<IterationMetrics> rows;
      List<String> messages;
      try (LogCapture log = LogCapture.of(PekkoRunEngine.class)) {
        rows = runKilling(engine, submitter, request, options, c);
        messages = log.messages();
      }
      // The restart came from a coordinated checkpoint (every 2 iterations; agents run ahead of
      // the rows, so it may be later than the kill's row), not from iteration 0.
      List<String> restarts =
          messages.stream().filter(m -> m.contains("restart on the live nodes")).toList();
      assertThat(restarts).hasSize(1);
      assertThat(restarts.get(0))
          .contains(c.address())
          .containsPattern("checkpoint of iteration [1-9][0-9]*$");

      // c's agents were rebuilt on a and b, and the rows are those of the uninterrupted run: each
      // iteration once, in order, every column except elapsed_ms equal bit for bit.
      Set<Integer> onSurvivors = new HashSet<>(a.host().builtAgents());
      onSurvivors.addAll(b.host().builtAgents());
      assertThat(onSurvivors).hasSize(12);
      assertThat(onSurvivorsBefore).hasSizeLessThan(12);
      assertThat(rows).hasSize(ITERATIONS + 1);
      assertThat(Harness.withoutTiming(rows)).isEqualTo(Harness.withoutTiming(expected));

      // The survivors are still a cluster that serves the next run.
      List<IterationMetrics> again = new ArrayList<>();
      RunRequest small = ClusterTestRuns.gridWorld(4, 6);
      RunOptions three = new RunOptions(3, 1, 1);
      ((PekkoRunEngine) ClusterTestRuns.pekko(Map.of()))
          .execute(
              submitter.system(),
              ClusterTestRuns.assembleForMetrics(small),
              RunSpec.of(small),
              three,
              again::add);
      assertSameUpToReordering(again, ClusterTestRuns.inProcess(small, three));
    } finally {
      submitter.close();
      b.close();
      a.close();
      c.close();
    }
  }

  @Test
  @Timeout(120)
  void agentsPinnedToTheLostNodeRestartOnSurvivorsWhilePinnedOnesStayPut() throws Exception {
    RunRequest request = ClusterTestRuns.gridWorld(10, 12);
    RunOptions options = new RunOptions(30, 1, 2);
    // --agents 0-3 / 4-7 / 8-11, as `fednpg node --agents` declares them (a role per node)
    ClusterNode a = pinnedNode(List.of(), "0-3");
    ClusterNode b = pinnedNode(List.of(a.address()), "4-7");
    ClusterNode c = pinnedNode(List.of(a.address()), "8-11");
    ClusterNode submitter = submitterOf(a);
    try {
      submitter.awaitUp(3, Duration.ofSeconds(30));
      PekkoRunEngine engine =
          (PekkoRunEngine) ClusterTestRuns.pekko(Map.of("checkpoint_every", 2L, "timeout_s", 60L));
      // Source of the expected rows: the in-process run (pinning changes where, not what)
      List<IterationMetrics> expected = ClusterTestRuns.inProcess(request, options);
      List<IterationMetrics> rows = runKilling(engine, submitter, request, options, c);
      assertSameUpToReordering(rows, expected);
      // c's pinned agents were rebuilt on the survivors; a and b built no agent pinned to the
      // other survivor, before or after the recovery
      Set<Integer> onA = a.host().builtAgents();
      Set<Integer> onB = b.host().builtAgents();
      assertThat(onA).containsAll(List.of(0, 1, 2, 3));
      assertThat(onB).containsAll(List.of(4, 5, 6, 7));
      assertThat(onA).allMatch(n -> n < 4 || n >= 8);
      assertThat(onB).allMatch(n -> n >= 4);
      Set<Integer> moved = new HashSet<>(onA);
      moved.addAll(onB);
      assertThat(moved).containsAll(List.of(8, 9, 10, 11));
    } finally {
      submitter.close();
      b.close();
      a.close();
      c.close();
    }
  }

  @Test
  @Timeout(60)
  void runFailsNamingTheNodeWhenNoAgentNodeIsLeft() throws Exception {
    RunRequest request = ClusterTestRuns.gridWorld(6, 4);
    ClusterNode a = node(List.of());
    ClusterNode submitter = submitterOf(a);
    String victim = a.address();
    try {
      submitter.awaitUp(1, Duration.ofSeconds(30));
      List<IterationMetrics> rows = new ArrayList<>();
      PekkoRunEngine engine =
          (PekkoRunEngine) ClusterTestRuns.pekko(Map.of("checkpoint_every", 1L, "timeout_s", 30L));
      assertThatThrownBy(
              () ->
                  engine.execute(
                      submitter.system(),
                      ClusterTestRuns.assembleForMetrics(request),
                      RunSpec.of(request),
                      new RunOptions(500, 1, 1),
                      row -> {
                        rows.add(row);
                        if (row.iteration() == 2) {
                          a.system().terminate();
                        }
                      }))
          .isInstanceOf(FedNpgException.class)
          .hasMessageContaining(victim)
          .hasMessageContaining("no live agent node");
      // Never silently wrong: the rows delivered before the failure are the in-process ones.
      List<IterationMetrics> expected =
          ClusterTestRuns.inProcess(request, new RunOptions(rows.size() - 1, 1, 1));
      assertSameUpToReordering(rows, expected);
    } finally {
      submitter.close();
      a.close();
    }
  }

  /** Runs {@code request} from {@code submitter}, crashing {@code victim} at row KILL_AT. */
  private static List<IterationMetrics> runKilling(
      PekkoRunEngine engine,
      ClusterNode submitter,
      RunRequest request,
      RunOptions options,
      ClusterNode victim) {
    List<IterationMetrics> rows = new ArrayList<>();
    engine.execute(
        submitter.system(),
        ClusterTestRuns.assembleForMetrics(request),
        RunSpec.of(request),
        options,
        row -> {
          rows.add(row);
          if (row.iteration() == KILL_AT) {
            victim.system().terminate();
          }
        });
    return rows;
  }

  /** The submitter, a separate member (a client), as with `fednpg run --cluster`. */
  private static ClusterNode submitterOf(ClusterNode seed) {
    return ClusterNode.start(
        Plugins.registry(),
        "127.0.0.1",
        0,
        List.of(seed.address()),
        ClusterNode.CLIENT_ROLE,
        CRASH);
  }

  /** An agent node that declares {@code agents} (the role `fednpg node --agents` gives it). */
  private static ClusterNode pinnedNode(List<String> seeds, String agents) {
    return ClusterNode.start(
        Plugins.registry(),
        "127.0.0.1",
        0,
        seeds,
        AgentSharding.ROLE,
        ClusterNode.pinnedRoles(agents).withFallback(CRASH));
  }

  private static ClusterNode node(List<String> seeds) {
    return ClusterNode.start(Plugins.registry(), "127.0.0.1", 0, seeds, AgentSharding.ROLE, CRASH);
  }

  /** Counters equal, values within the Pekko-vs-in-process summation-order tolerance. */
  private static void assertSameUpToReordering(
      List<IterationMetrics> actual, List<IterationMetrics> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int t = 0; t < expected.size(); t++) {
      IterationMetrics x = actual.get(t);
      IterationMetrics e = expected.get(t);
      assertThat(x.iteration()).isEqualTo(e.iteration());
      assertThat(x.value()).isCloseTo(e.value(), within(Tolerances.REORDERED));
      assertThat(x.optimalityGap()).isCloseTo(e.optimalityGap(), within(Tolerances.REORDERED));
      assertThat(x.consensus()).isCloseTo(e.consensus(), within(Tolerances.REORDERED));
      assertThat(x.agentValueMin()).isCloseTo(e.agentValueMin(), within(Tolerances.REORDERED));
      assertThat(x.agentValueMean()).isCloseTo(e.agentValueMean(), within(Tolerances.REORDERED));
      assertThat(x.messages()).isEqualTo(e.messages());
      assertThat(x.bytesSent()).isEqualTo(e.bytesSent());
    }
  }
}
