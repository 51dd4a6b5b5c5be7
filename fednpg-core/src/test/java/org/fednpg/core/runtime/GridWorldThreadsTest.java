package org.fednpg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.api.run.RunListener;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.run.AssembledRun;
import org.fednpg.core.run.ComponentSpec;
import org.fednpg.core.run.RunAssembler;
import org.fednpg.core.run.RunRequest;
import org.junit.jupiter.api.Test;

/**
 * FedNPG with exact evaluation on the paper GridWorld, assembled as the CLI does: the rows do not
 * depend on the thread count (bit for bit), and the run's profile accounts for its iterations.
 */
class GridWorldThreadsTest {

  private static AssembledRun gridWorld() {
    return new RunAssembler(Plugins.registry())
        .assemble(
            new RunRequest(
                3,
                0.99,
                ComponentSpec.of("gridworld", "size", 20, "agents", 12),
                ComponentSpec.of("ring", "neighbors", 1),
                ComponentSpec.of("exact"),
                ComponentSpec.of("fednpg", "eta", 0.1, "tau", 0.0),
                Path.of(".")));
  }

  private static List<IterationMetrics> rows(int threads, RunResult[] result) {
    AssembledRun run = gridWorld();
    List<IterationMetrics> rows = new ArrayList<>();
    result[0] =
        new InProcessRuntime()
            .run(
                run.algorithm(),
                run.topology(),
                run.metrics(),
                new RunOptions(6, 1, threads),
                new RunListener() {
                  @Override
                  public void onIteration(IterationMetrics m) {
                    rows.add(m);
                  }
                });
    return rows;
  }

  @Test
  void rowsAreBitwiseIdenticalWithOneAndTwoThreads() {
    RunResult[] r = new RunResult[1];
    List<IterationMetrics> one = rows(1, r);
    List<IterationMetrics> two = rows(2, r);
    assertThat(two).hasSameSizeAs(one);
    for (int t = 0; t < one.size(); t++) {
      IterationMetrics a = one.get(t);
      IterationMetrics b = two.get(t);
      assertThat(b.value()).isEqualTo(a.value());
      assertThat(b.qError()).isEqualTo(a.qError());
      assertThat(b.consensus()).isEqualTo(a.consensus());
      assertThat(b.agentValueMin()).isEqualTo(a.agentValueMin());
      assertThat(b.agentValueMean()).isEqualTo(a.agentValueMean());
      assertThat(b.bytesSent()).isEqualTo(a.bytesSent());
    }
  }

  @Test
  void profileCountsIterationsRowsAndPhases() {
    RunResult[] r = new RunResult[1];
    rows(2, r);
    RunProfile p = r[0].profile();
    assertThat(p.iterations()).isEqualTo(6);
    assertThat(p.metricRows()).isEqualTo(7);
    assertThat(p.agents()).isEqualTo(12);
    assertThat(p.receiveNanos()).isPositive();
    assertThat(p.metricsNanos()).isPositive();
    assertThat(p.totalNanos())
        .isGreaterThanOrEqualTo(
            p.initializeNanos()
                + p.sendNanos()
                + p.mixingNanos()
                + p.receiveNanos()
                + p.metricsNanos()
                + p.checkpointNanos());
    assertThat(p.table()).hasSize(10);
  }
}
