package org.fednpg.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.cluster.typed.Cluster;
import org.fednpg.api.FedNpgException;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.run.ComponentSpec;
import org.fednpg.core.run.RunRequest;
import org.fednpg.core.runtime.RunOptions;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * No open door: two nodes with mutual TLS and a {@code --data} folder. A member without the stores,
 * or with stores from another CA, can neither join nor submit; a spec path outside the data folder
 * is refused naming it; a node-only file's content (a marker string) never reaches the submitter;
 * and after those bad runs the nodes still serve a good one, equal to in-process.
 */
class ClusterSecurityTest {

  private static final String MARKER = "TOPSECRET-node-only-7f3a";
  private static final String W = "0.5,0.25,0.25\n0.25,0.5,0.25\n0.25,0.25,0.5\n";

  @TempDir Path tmp;

  @Test
  @Timeout(240)
  void onlyTrustedMembersJoinAndNodeFilesStayOnTheNode() throws Exception {
    Path member = TlsFixtures.shared().resolve("member");
    Path rogue = TlsFixtures.shared().resolve("rogue");

    Path data = Files.createDirectories(tmp.resolve("node-data"));
    Files.writeString(data.resolve("good.csv"), W);
    Files.writeString(data.resolve("w.csv"), MARKER + ",0,0\n0,1,0\n0,0,1\n");
    Path sub = Files.createDirectories(tmp.resolve("submitter/spec"));
    Files.writeString(sub.resolve("good.csv"), W);
    Files.writeString(sub.resolve("w.csv"), W);
    Files.writeString(tmp.resolve("submitter/outside.csv"), W);

    ClusterNode.Guard guard = new ClusterNode.Guard(member, data, 1 << 20);
    ClusterNode a = ClusterNode.start(Plugins.registry(), "127.0.0.1", 0, List.of(), guard);
    ClusterNode b =
        ClusterNode.start(Plugins.registry(), "127.0.0.1", 0, List.of(a.address()), guard);
    try {
      a.awaitUp(2, Duration.ofSeconds(60));

      // Without stores (plain TCP) and with another CA's stores: the handshake fails both ways.
      try (ClusterNode plain =
          ClusterNode.start(
              Plugins.registry(),
              "127.0.0.1",
              0,
              List.of(a.address()),
              ClusterNode.CLIENT_ROLE,
              ConfigFactory.empty())) {
        assertThatThrownBy(() -> plain.awaitUp(1, Duration.ofSeconds(8)))
            .isInstanceOf(FedNpgException.class)
            .hasMessageContaining("not ready");
      }
      try (ClusterNode other =
          ClusterNode.start(
              Plugins.registry(),
              "127.0.0.1",
              0,
              List.of(a.address()),
              new ClusterNode.Guard(rogue, data, 1 << 20))) {
        assertThatThrownBy(() -> other.awaitUp(1, Duration.ofSeconds(8)))
            .isInstanceOf(FedNpgException.class)
            .hasMessageContaining("not ready");
      }
      assertThat(Cluster.get(a.system()).state().getMembers()).hasSize(2);

      Map<String, Object> runtime =
          Map.of("cluster", a.address(), "tls", member.toString(), "timeout_s", 30L);
      RunOptions options = new RunOptions(4, 1, 1);

      assertThatThrownBy(() -> run(request(sub, "../outside.csv"), runtime, options))
          .isInstanceOf(FedNpgException.class)
          .hasMessageContaining("'../outside.csv'")
          .hasMessageContaining("'..' is not allowed");

      StringBuilder secret = new StringBuilder();
      assertThatThrownBy(() -> run(request(sub, "w.csv"), runtime, options))
          .isInstanceOf(FedNpgException.class)
          .satisfies(e -> secret.append(stackText(e)))
          .hasMessageContaining("'w.csv'")
          .hasMessageContaining("withheld");
      assertThat(secret.toString()).doesNotContain(MARKER).doesNotContain("TOPSECRET");

      // The nodes are neither dead nor wedged: a good run still works and equals in-process.
      RunRequest good = request(sub, "good.csv");
      List<IterationMetrics> expected = ClusterTestRuns.inProcess(good, options);
      List<IterationMetrics> actual = run(good, runtime, options);
      assertThat(actual).hasSize(expected.size());
      for (int t = 0; t < expected.size(); t++) {
        assertThat(actual.get(t).value())
            .isCloseTo(expected.get(t).value(), within(Tolerances.REORDERED));
      }
      assertThat(a.host().activeRuns()).isZero();
      assertThat(b.host().activeRuns()).isZero();
    } finally {
      b.close();
      a.close();
    }
  }

  private static String stackText(Throwable e) {
    StringBuilder s = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      s.append(t).append('\n');
    }
    return s.toString();
  }

  private static RunRequest request(Path base, String wFile) {
    return new RunRequest(
        ClusterTestRuns.SEED,
        0.99,
        ComponentSpec.of("gridworld", "size", 4L, "agents", 3L),
        ComponentSpec.of("file", "path", wFile),
        ComponentSpec.of("exact"),
        ComponentSpec.of("fednpg", "eta", 0.1, "tau", 0.01),
        base);
  }

  private static List<IterationMetrics> run(
      RunRequest request, Map<String, Object> runtime, RunOptions options) {
    List<IterationMetrics> rows = new ArrayList<>();
    ClusterTestRuns.pekko(runtime)
        .run(ClusterTestRuns.assemble(request), request, options, rows::add);
    return rows;
  }
}
