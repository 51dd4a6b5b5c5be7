package org.fednpg.evaluators;

import java.util.List;
import org.fednpg.api.EvaluatorContext;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.Parameters;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.PolicyEvaluatorProvider;

/** Provider of {@code exact}: {@link ExactPolicyEvaluator}; no parameters. */
public final class ExactPolicyEvaluatorProvider implements PolicyEvaluatorProvider {

  @Override
  public String name() {
    return "exact";
  }

  @Override
  public String description() {
    return "exact Q by a sparse linear solve on the model (block back-substitution over SCCs)";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of();
  }

  @Override
  public PolicyEvaluator create(Parameters parameters, EvaluatorContext context) {
    return new ExactPolicyEvaluator(context.mdp());
  }
}
