package org.fednpg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.fednpg.api.Topology;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.run.AlgorithmProvider;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.api.run.RunListener;
import org.fednpg.core.DenseEvaluator;
import org.fednpg.core.Harness;
import org.fednpg.core.TestTopologies;
import org.fednpg.core.algorithms.FedNpgProvider;
import org.fednpg.core.algorithms.NaiveProvider;
import org.fednpg.core.metrics.MetricsCalculator;
import org.fednpg.core.oracle.ValueIteration;
import org.fednpg.testing.RandomMdps;
import org.junit.jupiter.api.Test;

/** A run stopped at a checkpoint and resumed produces the uninterrupted run's rows exactly. */
class CheckpointResumeTest {

  private static final MultiTaskMdp MDP = RandomMdps.create(8, 10, 3, 3, 5, 0.9);
  private static final double TAU = 0.02;

  private static List<IterationMetrics> run(
      AlgorithmProvider provider, int iterations, CheckpointPolicy policy) {
    Topology ring = TestTopologies.ring(MDP.agents());
    MetricsCalculator metrics =
        new MetricsCalculator(MDP, new DenseEvaluator(MDP), TAU, ValueIteration.solve(MDP, TAU));
    List<IterationMetrics> rows = new ArrayList<>();
    new InProcessRuntime()
        .run(
            Harness.build(provider, MDP, ring, 0.3, TAU),
            ring,
            metrics,
            new RunOptions(iterations, 1, 2),
            new RunListener() {
              @Override
              public void onIteration(IterationMetrics m) {
                rows.add(m);
              }
            },
            policy);
    return rows;
  }

  @Test
  void resumedRunMatchesUninterruptedRunExceptWallTime() {
    for (AlgorithmProvider provider : List.of(new FedNpgProvider(), new NaiveProvider())) {
      List<IterationMetrics> whole = run(provider, 30, CheckpointPolicy.NONE);
      List<Checkpoint> saved = new ArrayList<>();
      List<IterationMetrics> firstPart =
          run(provider, 30, new CheckpointPolicy(12, saved::add, null));
      assertThat(saved).extracting(Checkpoint::iteration).containsExactly(12L, 24L);
      List<IterationMetrics> resumed =
          run(provider, 30, new CheckpointPolicy(0, null, saved.get(0)));
      assertThat(resumed).hasSize(30 - 12);
      List<IterationMetrics> stitched = new ArrayList<>(firstPart.subList(0, 13));
      stitched.addAll(resumed);
      assertThat(stitched).hasSameSizeAs(whole);
      for (int t = 0; t < whole.size(); t++) {
        assertThat(withoutTime(stitched.get(t))).isEqualTo(withoutTime(whole.get(t)));
      }
    }
  }

  private static IterationMetrics withoutTime(IterationMetrics m) {
    return new IterationMetrics(
        m.iteration(),
        m.value(),
        m.optimalityGap(),
        m.qError(),
        m.consensus(),
        m.agentValueMin(),
        m.agentValueMean(),
        0,
        m.samples(),
        m.bytesSent(),
        m.messages());
  }
}
