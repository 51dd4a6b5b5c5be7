package org.fednpg.bench;

import java.util.concurrent.TimeUnit;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.evaluators.BellmanSolver;
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
 * One exact solve on a Garnet whose state graph is one strongly connected component (the BiCGSTAB
 * path of {@link BellmanSolver}), as an agent pays it in a run: the policy is one FedNPG step (η =
 * 0.1, τ = 0, from the uniform policy's Q) after the previous one. {@code cold} starts from zero,
 * {@code warm} from the previous policy's V (what agents do), {@code twoRewards} solves the agent's
 * reward and r̄ on one assembled matrix (multi-RHS, one pass over the matrix for both vectors),
 * {@code twoSolves} the same two separately, {@code agentWithMetricsReward} what an agent's
 * evaluation costs when the run's metrics want its policy on r̄ (Q on its reward, warm, plus V on
 * r̄, cold, in one solve). Each call assembles P_π, solves, certifies the residual, and forms Q
 * (except the V-only two-reward cases).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class GarnetSolveBenchmark {

  /** Garnet scenario, see {@link Scenarios#named}. */
  @Param({"garnet:2000:10:10:3"})
  public String scenario;

  private BellmanSolver solver;
  private double gamma;
  private RewardTable reward;
  private RewardTable averaged;
  private LogPolicy policy;
  private double[] previous;
  private double[] v;
  private double[] v2;
  private double[] q;

  @Setup
  public void setUp() {
    MultiTaskMdp mdp = Scenarios.builtIn().named(scenario, 0.0).mdp();
    solver = new BellmanSolver(mdp.kernel());
    gamma = mdp.gamma();
    reward = mdp.reward(0);
    averaged = mdp.averagedReward();
    int states = mdp.states();
    int actions = mdp.actions();
    LogPolicy start = LogPolicy.uniform(states, actions);
    q = new double[states * actions];
    previous = new double[states];
    solver.qInto(gamma, reward, start, 0.0, BellmanSolver.RESIDUAL_LIMIT, q, previous);
    double[] logits = new double[states * actions];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = start.logProbability(i) + 0.1 / (1 - gamma) * q[i];
    }
    policy = LogPolicy.fromLogits(states, actions, logits);
    v = new double[states];
    v2 = new double[states];
  }

  /** Q of the new policy from a zero start. */
  @Benchmark
  public double[] cold() {
    java.util.Arrays.fill(v, 0.0);
    solver.qInto(gamma, reward, policy, 0.0, BellmanSolver.RESIDUAL_LIMIT, q, v);
    return q;
  }

  /** Q of the new policy started from the previous policy's V. */
  @Benchmark
  public double[] warm() {
    System.arraycopy(previous, 0, v, 0, v.length);
    solver.qInto(gamma, reward, policy, 0.0, BellmanSolver.RESIDUAL_LIMIT, q, v);
    return q;
  }

  /** V on the agent's reward and on r̄, one assembly (warm and cold start respectively). */
  @Benchmark
  public double[] twoRewards() {
    System.arraycopy(previous, 0, v, 0, v.length);
    return solver.values(
        gamma,
        policy,
        0.0,
        BellmanSolver.RESIDUAL_LIMIT,
        new RewardTable[] {reward, averaged},
        new double[][] {v, null},
        new double[][] {v, v2});
  }

  /** Q of the new policy (warm) and its V on r̄ (cold) in one paired solve. */
  @Benchmark
  public double[] agentWithMetricsReward() {
    System.arraycopy(previous, 0, v, 0, v.length);
    solver.qInto(gamma, reward, policy, 0.0, BellmanSolver.RESIDUAL_LIMIT, q, v, averaged, v2);
    return v2;
  }

  /** The same two solves, each with its own assembly. */
  @Benchmark
  public double twoSolves() {
    System.arraycopy(previous, 0, v, 0, v.length);
    return solver.values(gamma, reward, policy, 0.0, BellmanSolver.RESIDUAL_LIMIT, v, v)
        + solver.values(gamma, averaged, policy, 0.0, BellmanSolver.RESIDUAL_LIMIT, null, v2);
  }
}
