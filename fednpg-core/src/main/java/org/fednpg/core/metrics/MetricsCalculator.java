package org.fednpg.core.metrics;

import java.util.List;
import org.fednpg.api.EvaluationRequest;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.oracle.OptimalSolution;
import org.fednpg.core.runtime.Parallel;

/**
 * Computes the model-based columns of SPEC §5 from the agents' policies with an exact evaluator
 * on the averaged reward r̄: value and q_error of the averaged policy π̄, optimality gap against
 * the oracle, consensus, and min/mean of the agents' own values.
 */
public final class MetricsCalculator {

  private final MultiTaskMdp mdp;
  private final RewardTable averaged;
  private final PolicyEvaluator exact;
  private final double tau;
  private final OptimalSolution optimum;

  /**
   * @param mdp the model
   * @param exact an exact evaluator on {@code mdp}
   * @param tau the run's τ
   * @param optimum the oracle's solution for r̄ at τ
   */
  public MetricsCalculator(
      MultiTaskMdp mdp, PolicyEvaluator exact, double tau, OptimalSolution optimum) {
    this.mdp = mdp;
    this.averaged = mdp.averagedReward();
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
   * A full metrics row: the model-based columns from the policies plus the counters a runtime
   * keeps (wall time, samples, bytes, messages).
   */
  public IterationMetrics row(long iteration, List<LogPolicy> policies, Parallel parallel,
      long elapsedMs, long samples, long bytesSent, long messages) {
    Snapshot s = compute(policies, parallel);
    return new IterationMetrics(iteration, s.value(), s.optimalityGap(), s.qError(),
        s.consensus(), s.agentValueMin(), s.agentValueMean(), elapsedMs, samples, bytesSent,
        messages);
  }

  /** Metrics of the agents' current policies; agents' values are evaluated on {@code parallel}. */
  public Snapshot compute(List<LogPolicy> policies, Parallel parallel) {
    LogPolicy mean = policies.size() == 1 ? policies.get(0) : PolicyValues.geometricMean(policies);
    double[] q = exact.evaluate(EvaluationRequest.of(averaged, mean, tau)).toArray();
    double value = PolicyValues.initialValue(mdp, PolicyValues.stateValues(mean, q, tau));
    double qError = 0;
    double[] qStar = optimum.q();
    for (int i = 0; i < q.length; i++) {
      qError = Math.max(qError, Math.abs(qStar[i] - q[i]));
    }
    double consensus = 0;
    for (LogPolicy p : policies) {
      consensus = Math.max(consensus, PolicyValues.maxLogDistance(p, mean));
    }
    double[] agentValues = new double[policies.size()];
    if (policies.size() == 1) {
      agentValues[0] = value;
    } else {
      parallel.forEach(policies.size(), n -> {
        LogPolicy p = policies.get(n);
        double[] qn = exact.evaluate(EvaluationRequest.of(averaged, p, tau)).toArray();
        agentValues[n] = PolicyValues.initialValue(mdp, PolicyValues.stateValues(p, qn, tau));
      });
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
}
