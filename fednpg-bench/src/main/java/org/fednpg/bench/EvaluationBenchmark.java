package org.fednpg.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.fednpg.api.EvaluationRequest;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.QEstimate;
import org.fednpg.api.model.RewardTable;
import org.fednpg.core.run.AssembledRun;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One exact policy evaluation (the cost every agent pays per iteration, and the metrics once per
 * agent): Q (V solve plus Q = r + γPV), V(ρ) alone, and the softmax normalisation an agent does
 * before it. A fresh policy object per call, as in a run, so no cached exponentials are reused.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EvaluationBenchmark {

  /** Scenario, see {@link Scenarios#named}. */
  @Param({"gridworld:70:1", "garnet:2000:10:10:1"})
  public String scenario;

  private PolicyEvaluator evaluator;
  private RewardTable reward;
  private double[] logits;
  private double[] rho;
  private int states;
  private int actions;

  @Setup
  public void setUp() {
    AssembledRun run = Scenarios.builtIn().named(scenario, 0.0);
    MultiTaskMdp mdp = run.mdp();
    evaluator = run.evaluator();
    reward = mdp.reward(0);
    rho = mdp.initialCopy();
    states = mdp.states();
    actions = mdp.actions();
    SplittableRandom random = new SplittableRandom(1);
    logits = new double[states * actions];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = random.nextDouble(-2, 2);
    }
  }

  /** Softmax normalisation of an agent's mixed logits (LogPolicy.fromLogits). */
  @Benchmark
  public LogPolicy normalize() {
    return LogPolicy.fromLogits(states, actions, logits);
  }

  /** Normalisation plus Q_τ^π, what an agent does per iteration. */
  @Benchmark
  public QEstimate normalizeAndEvaluateQ() {
    LogPolicy policy = LogPolicy.fromLogits(states, actions, logits);
    return evaluator.evaluate(new EvaluationRequest(0, 1, reward, policy, 0.0));
  }

  /** Normalisation plus V_τ^π(ρ) without Q, what the metrics do per agent. */
  @Benchmark
  public double normalizeAndEvaluateValue() {
    LogPolicy policy = LogPolicy.fromLogits(states, actions, logits);
    return evaluator.initialValue(new EvaluationRequest(0, 1, reward, policy, 0.0), rho);
  }
}
