package org.example.fednpg;

import java.util.Map;
import org.fednpg.api.EvaluatorContext;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.testkit.EvaluatorContract;
import org.fednpg.testkit.EvaluatorFixtures;

/** {@code iterative} passes the evaluator contract against the kit's dense oracle. */
class IterativeEvaluatorTest extends EvaluatorContract {

  private static final int SWEEPS = 300;

  @Override
  protected PolicyEvaluator create(EvaluatorContext context) {
    return EvaluatorFixtures.create(context, "iterative", Map.of("sweeps", SWEEPS));
  }

  /**
   * γ-contraction from Q = 0: ‖Q_k − Q‖ ≤ γ^k ‖Q‖ ≤ γ^k R/(1−γ), R = max |r − τ log π| ≤
   * 1 + τ max(−log π) (rewards in [0, 1]); plus 1e-12 for rounding over the sweeps.
   */
  @Override
  protected double oracleTolerance(LogPolicy policy, double tau) {
    double maxMinusLog = 0;
    for (int sa = 0; sa < policy.states() * policy.actions(); sa++) {
      maxMinusLog = Math.max(maxMinusLog, -policy.logProbability(sa));
    }
    double gamma = MDP.gamma();
    return Math.pow(gamma, SWEEPS) * (1 + tau * maxMinusLog) / (1 - gamma) + 1e-12;
  }
}
