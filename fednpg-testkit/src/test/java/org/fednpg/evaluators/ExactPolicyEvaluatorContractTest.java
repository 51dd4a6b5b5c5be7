package org.fednpg.evaluators;

import java.util.Map;
import org.fednpg.api.EvaluatorContext;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.testing.Tolerances;
import org.fednpg.testkit.EvaluatorContract;
import org.fednpg.testkit.EvaluatorFixtures;

/**
 * {@code exact} against the contract; it must match the dense oracle to {@link Tolerances#EXACT}.
 */
class ExactPolicyEvaluatorContractTest extends EvaluatorContract {

  @Override
  protected PolicyEvaluator create(EvaluatorContext context) {
    return EvaluatorFixtures.create(context, "exact", Map.of());
  }

  @Override
  protected double oracleTolerance(LogPolicy policy, double tau) {
    return Tolerances.EXACT;
  }
}
