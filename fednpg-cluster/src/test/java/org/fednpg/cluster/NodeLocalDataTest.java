package org.fednpg.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.run.ComponentSpec;
import org.fednpg.core.run.RunRequest;
import org.fednpg.core.runtime.RunOptions;
import org.fednpg.envs.io.MdpFiles;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data that lives only on its node (issue 19): three nodes, each pinned to two of six agents
 * ({@code --agents}), each with a {@code --data} folder holding the kernel and only its own agents'
 * reward files. The submitter (the experimenter) has every file. The run equals, row for row, the
 * in-process run of the same MDP from one combined {@code fednpg-mdp/1} file, and each node built
 * exactly its own agents.
 */
class NodeLocalDataTest {

  private static final int AGENTS = 6;

  @TempDir Path tmp;

  @Test
  @Timeout(240)
  void eachNodeHoldsOnlyItsAgentsRewardFiles() throws Exception {
    // the combined file: paper GridWorld K = 4, N = 6, written by the format's own writer
    RunRequest grid =
        new RunRequest(
            ClusterTestRuns.SEED,
            0.99,
            ComponentSpec.of("gridworld", "size", 4L, "agents", (long) AGENTS),
            ComponentSpec.of("ring", "neighbors", 1L),
            ComponentSpec.of("exact"),
            ComponentSpec.of("fednpg", "eta", 0.1, "tau", 0.01),
            Path.of("."));
    MultiTaskMdp mdp = ClusterTestRuns.assemble(grid).environment().mdp();
    Path combined = Files.createDirectories(tmp.resolve("combined"));
    MdpFiles.write(mdp, combined.resolve("mdp.json"));

    Path sub = Files.createDirectories(tmp.resolve("submitter"));
    Files.copy(combined.resolve("mdp.json"), sub.resolve("kernel.json"));
    Files.createDirectories(sub.resolve("rewards"));
    List<Path> nodeData = new ArrayList<>();
    for (int node = 0; node < 3; node++) {
      Path d = Files.createDirectories(tmp.resolve("node-" + node + "/rewards")).getParent();
      Files.copy(combined.resolve("mdp.json"), d.resolve("kernel.json"));
      nodeData.add(d);
    }
    for (int n = 0; n < AGENTS; n++) {
      String json = MdpFiles.rewardJson(mdp.reward(n));
      Files.writeString(sub.resolve("rewards/agent-" + n + ".json"), json);
      Files.writeString(nodeData.get(n / 2).resolve("rewards/agent-" + n + ".json"), json);
    }

    RunOptions options = new RunOptions(6, 1, 1);
    List<IterationMetrics> expected =
        ClusterTestRuns.inProcess(
            request(ComponentSpec.of("file", "path", "mdp.json"), combined), options);

    List<ClusterNode> nodes = new ArrayList<>();
    try {
      for (int node = 0; node < 3; node++) {
        ClusterNode.Guard guard =
            new ClusterNode.Guard(
                null,
                nodeData.get(node),
                1 << 20,
                ClusterNode.Guard.DEFAULT_ASSEMBLY_TIMEOUT,
                (2 * node) + "-" + (2 * node + 1));
        nodes.add(
            ClusterNode.start(
                Plugins.registry(),
                "127.0.0.1",
                0,
                node == 0 ? List.of() : List.of(nodes.get(0).address()),
                guard));
      }
      nodes.get(0).awaitUp(3, Duration.ofSeconds(60));
      RunRequest split =
          request(
              ComponentSpec.of(
                  "files",
                  "kernel",
                  "kernel.json",
                  "rewards",
                  "rewards/agent-{agent}.json",
                  "agents",
                  (long) AGENTS),
              sub);
      List<IterationMetrics> rows = new ArrayList<>();
      ClusterTestRuns.pekko(Map.of("cluster", nodes.get(0).address(), "timeout_s", 60L))
          .run(ClusterTestRuns.assembleForMetrics(split), split, options, rows::add);

      assertThat(rows).hasSize(expected.size());
      for (int t = 0; t < expected.size(); t++) {
        IterationMetrics a = rows.get(t);
        IterationMetrics e = expected.get(t);
        assertThat(a.iteration()).isEqualTo(e.iteration());
        assertThat(a.value())
            .isCloseTo(e.value(), org.assertj.core.api.Assertions.within(Tolerances.REORDERED));
        assertThat(a.optimalityGap())
            .isCloseTo(
                e.optimalityGap(), org.assertj.core.api.Assertions.within(Tolerances.REORDERED));
        assertThat(a.consensus())
            .isCloseTo(e.consensus(), org.assertj.core.api.Assertions.within(Tolerances.REORDERED));
      }
      for (int node = 0; node < 3; node++) {
        assertThat(nodes.get(node).host().builtAgents())
            .as("agents built on node %d", node)
            .containsExactlyInAnyOrder(2 * node, 2 * node + 1);
        try (Stream<Path> files = Files.list(nodeData.get(node).resolve("rewards"))) {
          assertThat(files.count()).isEqualTo(2);
        }
      }
    } finally {
      for (int i = nodes.size() - 1; i >= 0; i--) {
        nodes.get(i).close();
      }
    }
  }

  private static RunRequest request(ComponentSpec environment, Path base) {
    return new RunRequest(
        ClusterTestRuns.SEED,
        0.99,
        environment,
        ComponentSpec.of("ring", "neighbors", 1L),
        ComponentSpec.of("exact"),
        ComponentSpec.of("fednpg", "eta", 0.1, "tau", 0.01),
        base);
  }
}
