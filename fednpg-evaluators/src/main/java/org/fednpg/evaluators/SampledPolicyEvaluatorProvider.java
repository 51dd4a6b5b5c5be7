package org.fednpg.evaluators;

import java.util.List;
import java.util.Locale;
import org.fednpg.api.EvaluatorContext;
import org.fednpg.api.NamedProvider;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.PolicyEvaluatorProvider;

/**
 * Provider of {@code sampled}: {@link SampledPolicyEvaluator} on the context's generative model.
 */
public final class SampledPolicyEvaluatorProvider extends NamedProvider
    implements PolicyEvaluatorProvider {

  public SampledPolicyEvaluatorProvider() {
    super("sampled", "Q estimated from simulated transitions (Monte Carlo, TD(0) or tabular LSTD)");
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.choice(
            "method",
            "montecarlo",
            "montecarlo (geometric-stopping rollouts), td (expected TD(0)) or lstd"
                + " (tabular LSTD-Q = certainty equivalence)",
            "montecarlo",
            "td",
            "lstd"),
        ParameterSpec.optional(
            "samples",
            ParameterType.INTEGER,
            100L,
            "budget per (s,a) pair: rollouts (montecarlo) or transitions (td, lstd)"));
  }

  @Override
  public PolicyEvaluator create(Parameters parameters, EvaluatorContext context) {
    SampledPolicyEvaluator.Method method =
        SampledPolicyEvaluator.Method.valueOf(
            parameters.getString("method").toUpperCase(Locale.ROOT));
    int samples = parameters.intInRange("samples", 1, Integer.MAX_VALUE);
    return new SampledPolicyEvaluator(
        context.sampler(),
        context.mdp().gamma(),
        method,
        samples,
        context.random().child("sampled"));
  }
}
