package org.fednpg.core.metrics;

import java.util.List;
import java.util.function.Supplier;
import org.fednpg.api.EvaluationRequest;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.oracle.OptimalSolution;
import org.fednpg.core.runtime.Parallel;

/**
 * Computes the model-based columns of SPEC §5 from the agents' policies with an exact evaluator on
 * the averaged reward r̄: value and q_error of the averaged policy π̄, optimality gap against the
 * oracle, consensus, and min/mean of the agents' own values.
 */
public final class MetricsCalculator {

  private final MultiTaskMdp mdp;
  private final RewardTable averaged;
  private final double[] rho;
  private final PolicyEvaluator exact;
  private final double tau;
  private final OptimalSolution optimum;

  /** The agents whose policies the metrics use (issue 20: the honest ones); null means all. */
  private final int[] honest;

  /** The honest tracking drift of a row (issue 20), null for none; it may return null (NaN). */
  private final Supplier<Double> drift;

  /**
   * @param mdp the model
   * @param exact an exact evaluator on {@code mdp}
   * @param tau the run's τ
   * @param optimum the oracle's solution for r̄ at τ
   */
  public MetricsCalculator(
      MultiTaskMdp mdp, PolicyEvaluator exact, double tau, OptimalSolution optimum) {
    this(mdp, exact, tau, optimum, null, null);
  }

  /**
   * Metrics over a subset of the agents (beyond the paper: the honest agents when some are
   * adversaries): only the policies of agents {@code honest} enter π̄, consensus and the agent
   * columns; {@code mdp}'s r̄ and {@code optimum} should be the honest agents' too. The {@code
   * honest_tracking_drift} column of every row is read from {@code drift} when the row is made
   * (null from it, or a null supplier: NaN, an empty cell).
   *
   * @param honest sorted agent ids, or null for all agents
   * @param drift the honest tracking drift of the current state, or null
   */
  public MetricsCalculator(
      MultiTaskMdp mdp,
      PolicyEvaluator exact,
      double tau,
      OptimalSolution optimum,
      int[] honest,
      Supplier<Double> drift) {
    this.drift = drift;
    this.honest = honest == null ? null : honest.clone();
    this.mdp = mdp;
    this.averaged = mdp.averagedReward();
    this.rho = mdp.initialCopy();
    this.exact = exact;
    this.tau = tau;
    this.optimum = optimum;
  }

  /** V_τ*(ρ). */
  public double optimalValue() {
    return optimum.initialValue();
  }

  /** The model-based part of a metrics row. */
  public record Snapshot(
      double value,
      double optimalityGap,
      double qError,
      double consensus,
      double agentValueMin,
      double agentValueMean) {}

  /**
   * A full metrics row: the model-based columns from the policies plus the counters a runtime keeps
   * (wall time, samples, bytes, messages).
   */
  public IterationMetrics row(
      long iteration,
      List<LogPolicy> policies,
      Parallel parallel,
      long elapsedMs,
      long samples,
      long bytesSent,
      long messages) {
    return row(
        iteration,
        policies,
        parallel,
        elapsedMs,
        samples,
        bytesSent,
        messages,
        drift == null ? null : drift.get());
  }

  /**
   * As {@link #row(long, List, Parallel, long, long, long, long)}, with the honest tracking drift
   * given (null: NaN) instead of read from this calculator's supplier: a runtime whose agents run
   * elsewhere (Pekko) computes it from the tables they report.
   */
  public IterationMetrics row(
      long iteration,
      List<LogPolicy> policies,
      Parallel parallel,
      long elapsedMs,
      long samples,
      long bytesSent,
      long messages,
      Double d) {
    Snapshot s = compute(policies, parallel);
    return new IterationMetrics(
        iteration,
        s.value(),
        s.optimalityGap(),
        s.qError(),
        s.consensus(),
        s.agentValueMin(),
        s.agentValueMean(),
        elapsedMs,
        samples,
        bytesSent,
        messages,
        d == null ? Double.NaN : d);
  }

  /**
   * Metrics of the agents' current policies. All the work runs on {@code parallel}: the geometric
   * mean in blocks of states, then in one pass the evaluation of π̄ (task 0, the largest) and, per
   * agent, its value on r̄ (a V-only solve from a cold start, which the {@code exact} evaluator may
   * have solved already together with the agent's own evaluation; a cold start is what makes that
   * possible without changing a bit) and its distance to π̄. Every task does fixed arithmetic, so
   * the numbers do not depend on the thread count.
   */
  public Snapshot compute(List<LogPolicy> all, Parallel parallel) {
    List<LogPolicy> policies = honest == null ? all : subset(all);
    int agents = policies.size();
    LogPolicy mean = agents == 1 ? policies.get(0) : geometricMean(policies, parallel);
    double[][] q = new double[1][];
    double[] agentValues = new double[agents];
    double[] distances = new double[agents];
    if (agents == 1) {
      q[0] = exact.evaluate(EvaluationRequest.of(averaged, mean, tau)).toArray();
    } else {
      parallel.forEach(
          agents + 1,
          task -> {
            if (task == 0) {
              q[0] = exact.evaluate(EvaluationRequest.of(averaged, mean, tau)).toArray();
            } else {
              LogPolicy p = policies.get(task - 1);
              agentValues[task - 1] =
                  exact.initialValue(EvaluationRequest.of(averaged, p, tau), rho);
              distances[task - 1] = PolicyValues.maxLogDistance(p, mean);
            }
          });
    }
    double value = PolicyValues.initialValue(mdp, PolicyValues.stateValues(mean, q[0], tau));
    double qError = 0;
    double[] qStar = optimum.q();
    for (int i = 0; i < q[0].length; i++) {
      qError = Math.max(qError, Math.abs(qStar[i] - q[0][i]));
    }
    if (agents == 1) {
      agentValues[0] = value;
    }
    double consensus = 0;
    for (double d : distances) {
      consensus = Math.max(consensus, d);
    }
    double min = Double.POSITIVE_INFINITY;
    double sum = 0;
    for (double v : agentValues) {
      min = Math.min(min, v);
      sum += v;
    }
    return new Snapshot(
        value, optimum.initialValue() - value, qError, consensus, min, sum / agentValues.length);
  }

  private List<LogPolicy> subset(List<LogPolicy> all) {
    List<LogPolicy> out = new java.util.ArrayList<>(honest.length);
    for (int n : honest) {
      out.add(all.get(n));
    }
    return out;
  }

  /**
   * {@link PolicyValues#geometricMean} with the same arithmetic per entry (sum over agents in
   * order, then divide), computed in blocks of states on {@code parallel}.
   */
  private static LogPolicy geometricMean(List<LogPolicy> policies, Parallel parallel) {
    LogPolicy first = policies.get(0);
    int actions = first.actions();
    int states = first.states();
    double[] sum = new double[states * actions];
    int blocks = Math.min(states, 8 * parallel.threads());
    int n = policies.size();
    parallel.forEach(
        blocks,
        c -> {
          int from = (int) ((long) c * states / blocks) * actions;
          int to = (int) ((long) (c + 1) * states / blocks) * actions;
          for (LogPolicy p : policies) {
            for (int i = from; i < to; i++) {
              sum[i] += p.logProbability(i);
            }
          }
          for (int i = from; i < to; i++) {
            sum[i] /= n;
          }
        });
    return LogPolicy.fromLogits(states, actions, sum);
  }
}
