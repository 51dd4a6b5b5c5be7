package org.fednpg.evaluators;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fednpg.api.EvaluatorContext;
import org.fednpg.api.NamedProvider;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.PolicyEvaluatorProvider;

/**
 * Provider of {@code noisy}: {@link NoisyPolicyEvaluator} around a base evaluator built by name
 * through the context's factory.
 */
public final class NoisyPolicyEvaluatorProvider extends NamedProvider
    implements PolicyEvaluatorProvider {

  public NoisyPolicyEvaluatorProvider() {
    super(
        "noisy",
        "a base evaluator's Q plus seeded noise of size epsilon (uniform, gaussian, adversarial)");
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.required(
            "epsilon",
            ParameterType.NUMBER,
            "noise size >= 0: half-width (uniform), standard deviation (gaussian) or magnitude"
                + " (adversarial)"),
        ParameterSpec.choice(
            "law",
            "uniform",
            "noise law; adversarial = -epsilon on optimal actions, +epsilon elsewhere",
            "uniform",
            "gaussian",
            "adversarial"),
        ParameterSpec.optional(
            "base",
            ParameterType.STRING,
            "exact",
            "evaluator whose estimate is perturbed (built with default parameters)"));
  }

  @Override
  public PolicyEvaluator create(Parameters parameters, EvaluatorContext context) {
    double epsilon = parameters.doubleInRange("epsilon", 0, Double.MAX_VALUE);
    NoisyPolicyEvaluator.Law law =
        NoisyPolicyEvaluator.Law.valueOf(parameters.getString("law").toUpperCase(Locale.ROOT));
    String base = parameters.getString("base");
    if (base.equals(name())) {
      throw parameters.invalid("base", "must name another evaluator than noisy");
    }
    PolicyEvaluator inner = context.evaluators().create(base, Map.of());
    return new NoisyPolicyEvaluator(
        inner, law, epsilon, context.random().child("noisy"), context.optimalQ());
  }
}
