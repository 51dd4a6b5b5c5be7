package org.fednpg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.EvaluationRequest;
import org.fednpg.api.Parameters;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.RandomSource;
import org.fednpg.api.Topology;
import org.fednpg.api.model.KernelSampler;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.QEstimate;
import org.fednpg.api.run.AgentState;
import org.fednpg.api.run.Algorithm;
import org.fednpg.api.run.AlgorithmContext;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.api.run.RunListener;
import org.fednpg.core.TestTopologies;
import org.fednpg.core.algorithms.FedNpgProvider;
import org.fednpg.core.metrics.MetricsCalculator;
import org.fednpg.core.oracle.ValueIteration;
import org.fednpg.evaluators.BellmanSolver;
import org.fednpg.evaluators.ExactPolicyEvaluator;
import org.fednpg.testing.RandomMdps;
import org.junit.jupiter.api.Test;

/**
 * FedNPG with the exact evaluator on a model whose state graph is one component above the dense
 * limit, so every solve is the warm-started Krylov path: a resumed run reproduces the uninterrupted
 * one bit for bit (the warm start, one Bellman step from the agent's last Q, is a function of the
 * agents' checkpoint), and so do 1 and 2 threads. The checkpointed V is no longer needed for that;
 * agents solving from zeros instead change the last bits but not the numbers beyond 1e-9, which
 * shows the comparison is sensitive to the warm start.
 */
class WarmStartResumeTest {

  private static final MultiTaskMdp MDP = RandomMdps.create(31, 300, 3, 4, 4, 0.99);
  private static final double TAU = 0.0;
  private static final int ITERATIONS = 12;
  private static final int CUT = 5;

  private static List<IterationMetrics> run(int threads, CheckpointPolicy policy) {
    return run(threads, policy, false);
  }

  /**
   * @param coldAgents whether the agents' evaluator ignores the start it is given (every agent
   *     solve from zeros; the metrics unchanged)
   */
  private static List<IterationMetrics> run(
      int threads, CheckpointPolicy policy, boolean coldAgents) {
    Topology ring = TestTopologies.ring(MDP.agents());
    ExactPolicyEvaluator exact = new ExactPolicyEvaluator(MDP, new BellmanSolver(MDP.kernel()));
    PolicyEvaluator agentsEvaluator = coldAgents ? new ColdStarts(exact) : exact;
    FedNpgProvider provider = new FedNpgProvider();
    Parameters p =
        Parameters.resolve(
            "algorithm",
            provider.parameters(),
            Map.of("eta", 0.1, "tau", TAU),
            java.nio.file.Path.of("."));
    Algorithm algorithm =
        provider.create(
            p,
            new AlgorithmContext(
                MDP, new KernelSampler(MDP), ring, agentsEvaluator, RandomSource.of(1), null));
    MetricsCalculator metrics =
        new MetricsCalculator(MDP, exact, TAU, ValueIteration.solve(MDP, TAU));
    List<IterationMetrics> rows = new ArrayList<>();
    new InProcessRuntime()
        .run(
            algorithm,
            ring,
            metrics,
            new RunOptions(ITERATIONS, 1, threads),
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
  void resumeAndThreadCountsAreBitIdenticalWithWarmStarts() {
    assertThat(new BellmanSolver(MDP.kernel()).largestComponent())
        .isGreaterThan(BellmanSolver.DENSE_LIMIT);
    List<IterationMetrics> whole = run(2, CheckpointPolicy.NONE);
    List<IterationMetrics> single = run(1, CheckpointPolicy.NONE);
    for (int t = 0; t < whole.size(); t++) {
      assertThat(withoutTime(single.get(t))).isEqualTo(withoutTime(whole.get(t)));
    }
    List<Checkpoint> saved = new ArrayList<>();
    List<IterationMetrics> first = run(2, new CheckpointPolicy(CUT, saved::add, null));
    Checkpoint cut = saved.get(0);
    assertThat(cut.iteration()).isEqualTo(CUT);
    assertThat(cut.agents().get(0).tables()).containsKey("values");
    List<IterationMetrics> resumed = run(2, new CheckpointPolicy(0, null, cut));
    List<IterationMetrics> stitched = new ArrayList<>(first.subList(0, CUT + 1));
    stitched.addAll(resumed);
    assertThat(stitched).hasSameSizeAs(whole);
    for (int t = 0; t < whole.size(); t++) {
      assertThat(withoutTime(stitched.get(t))).isEqualTo(withoutTime(whole.get(t)));
    }

    // the start is one Bellman step from the checkpointed q (NpgAgent): without the checkpointed
    // V the resumed run is still the same bit for bit
    List<AgentState> withoutValues = new ArrayList<>();
    for (AgentState s : cut.agents()) {
      Map<String, double[]> tables = new LinkedHashMap<>(s.tables());
      tables.remove("values");
      withoutValues.add(new AgentState(tables, s.samples()));
    }
    List<IterationMetrics> noValues =
        run(
            2,
            new CheckpointPolicy(
                0,
                null,
                new Checkpoint(
                    cut.iteration(),
                    cut.elapsedMs(),
                    cut.messages(),
                    cut.bytesSent(),
                    withoutValues)));
    for (int t = 0; t < noValues.size(); t++) {
      assertThat(withoutTime(noValues.get(t))).isEqualTo(withoutTime(whole.get(CUT + 1 + t)));
    }

    // the comparison is sensitive to the start: agents solving from zeros change some last bits
    List<IterationMetrics> coldRun = run(2, CheckpointPolicy.NONE, true);
    boolean anyBitDiffers = false;
    for (int t = 0; t < coldRun.size(); t++) {
      IterationMetrics a = coldRun.get(t);
      IterationMetrics b = whole.get(t);
      anyBitDiffers |= a.value() != b.value() || a.agentValueMean() != b.agentValueMean();
      assertThat(Math.abs(a.value() - b.value())).isLessThan(1e-9 * Math.abs(b.value()));
    }
    assertThat(anyBitDiffers).as("cold agent solves change some last bits").isTrue();
  }

  /** The exact evaluator with every warm start replaced by zeros (a cold solve). */
  private static final class ColdStarts implements PolicyEvaluator {
    private final PolicyEvaluator inner;

    ColdStarts(PolicyEvaluator inner) {
      this.inner = inner;
    }

    @Override
    public QEstimate evaluate(EvaluationRequest request) {
      return inner.evaluate(request);
    }

    @Override
    public long evaluateInto(EvaluationRequest request, double[] out, double[] values) {
      Arrays.fill(values, 0.0);
      return inner.evaluateInto(request, out, values);
    }

    @Override
    public boolean usesWarmStarts() {
      return inner.usesWarmStarts();
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
