package org.fednpg.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.run.AssembledRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that cannot be built in time fails alone; the next run on the same node is built. */
class AgentHostTest {

  private static final String MARKER = "TOPSECRET-node-only-7f3a";

  @TempDir Path tmp;

  private static RunSpec spec(String wFile) {
    return spec(wFile, 3);
  }

  /** A two-agent GridWorld run of size K×K with W from {@code wFile}. */
  private static RunSpec spec(String wFile, int size) {
    return new RunSpec(
        1,
        null,
        new RunSpec.Component(
            "gridworld",
            Map.of(
                "size",
                new RunSpec.Value("long", Integer.toString(size)),
                "agents",
                new RunSpec.Value("long", "2"))),
        new RunSpec.Component("file", Map.of("path", new RunSpec.Value("string", wFile))),
        null,
        new RunSpec.Component("fednpg", Map.of()),
        "/submitter");
  }

  @Test
  void aTimedOutRunIsReleasedAndDoesNotBlockTheNext() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(data.resolve("w.csv"), "0.5,0.5\n0.5,0.5\n");
    DataFolder folder = new DataFolder(data, 1 << 20);
    AgentHost slow = new AgentHost(Plugins.registry(), "n1", folder, Duration.ofNanos(1));
    // a run big enough (K = 150: 22 500 states, the kernel and the evaluator's solver) that its
    // build cannot finish before the 1 ns timeout fires, even on an idle machine
    var timedOut = slow.acquire("r1", spec("w.csv", 150), 0).toCompletableFuture();
    assertThatThrownBy(() -> timedOut.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .satisfies(e -> assertThat(slow.describe(e)).contains("could not build the run within"));
    slow.release("r1", 0);
    assertThat(slow.activeRuns()).isZero();

    AgentHost host = new AgentHost(Plugins.registry(), "n1", folder, Duration.ofSeconds(60));
    AssembledRun run =
        host.acquire("r2", spec("w.csv"), 0).toCompletableFuture().get(60, TimeUnit.SECONDS);
    assertThat(run.algorithm().agents()).hasSize(2);
    // node-local assembly: the agents share the node's kernel, W and evaluator, each holds only
    // its own reward and its own agent (the other one is a placeholder)
    AssembledRun other = host.acquire("r2", spec("w.csv"), 1).toCompletableFuture().get();
    assertThat(other.environment()).isSameAs(run.environment());
    assertThat(other.topology()).isSameAs(run.topology());
    assertThat(other.evaluator()).isSameAs(run.evaluator());
    assertThat(run.mdp().holdsReward(0)).isTrue();
    assertThat(run.mdp().holdsReward(1)).isFalse();
    assertThat(other.mdp().holdsReward(1)).isTrue();
    assertThat(other.algorithm().agents().get(0).isElsewhere()).isTrue();
    assertThat(host.acquire("r2", spec("w.csv"), 1).toCompletableFuture().get()).isSameAs(other);
    host.release("r2", 0);
    assertThat(host.activeRuns()).isOne();
    host.release("r2", 1);
    assertThat(host.activeRuns()).isZero();
  }

  @Test
  void parseErrorsOfNodeFilesReachTheSubmitterWithoutTheirContent() throws Exception {
    Path data = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(data.resolve("w.csv"), MARKER + ",0.5\n0.5,0.5\n");
    AgentHost host =
        new AgentHost(
            Plugins.registry(), "n1", new DataFolder(data, 1 << 20), Duration.ofSeconds(60));
    var failed = host.acquire("r", spec("w.csv"), 0).toCompletableFuture();
    assertThatThrownBy(() -> failed.get(60, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .satisfies(e -> assertThat(e.getCause().getCause().getMessage()).contains(MARKER))
        .satisfies(
            e ->
                assertThat(host.describe(e))
                    .contains("topology 'file' parameter 'path' = 'w.csv'")
                    .contains("withheld")
                    .doesNotContain(MARKER));
    // A refusal of the path policy is written by us and passes unchanged.
    var refused = host.acquire("r3", spec("../w.csv"), 0).toCompletableFuture();
    assertThatThrownBy(() -> refused.get(60, TimeUnit.SECONDS))
        .satisfies(e -> assertThat(host.describe(e)).contains("'..' is not allowed"));
  }
}
