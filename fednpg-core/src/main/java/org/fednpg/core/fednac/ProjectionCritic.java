package org.fednpg.core.fednac;

import org.fednpg.api.EvaluationRequest;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.QEstimate;
import org.fednpg.api.model.RewardTable;

/**
 * Critic {@code exact-projection}: the exact soft Q of the current policy (from an exact evaluator)
 * projected onto the features by uniform least squares. No sampling; for tests and as the
 * noise-free reference of the sampled critics.
 */
final class ProjectionCritic implements LinearCritic {

  @Override
  public String toString() {
    return "exact-projection";
  }

  private final PolicyEvaluator exact;
  private final UniformProjection projection;
  private final double tau;

  ProjectionCritic(PolicyEvaluator exact, UniformProjection projection, double tau) {
    this.exact = exact;
    this.projection = projection;
    this.tau = tau;
  }

  @Override
  public Fit fit(
      int agent, long iteration, RewardTable reward, LogPolicy policy, double[] previous) {
    QEstimate q = exact.evaluate(new EvaluationRequest(agent, iteration, reward, policy, tau));
    return new Fit(projection.fit(q.toArray()), q.samples());
  }
}
