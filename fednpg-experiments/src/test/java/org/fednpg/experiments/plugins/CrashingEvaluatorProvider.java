package org.fednpg.experiments.plugins;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fednpg.api.EvaluatorContext;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.PolicyEvaluatorProvider;

/**
 * Test-only evaluator {@code test-crash}: the exact evaluator, except that while {@link #ARMED} is
 * set it throws when asked for iteration {@code at}, simulating a process killed mid-run.
 */
public final class CrashingEvaluatorProvider implements PolicyEvaluatorProvider {

  /** Whether the next request for iteration {@code at} fails. */
  public static final AtomicBoolean ARMED = new AtomicBoolean();

  @Override
  public String name() {
    return "test-crash";
  }

  @Override
  public String description() {
    return "test-only: exact, but fails at one iteration while armed";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(ParameterSpec.required("at", ParameterType.INTEGER, "iteration that fails"));
  }

  @Override
  public PolicyEvaluator create(Parameters parameters, EvaluatorContext context) {
    long at = parameters.getLong("at");
    PolicyEvaluator exact = context.evaluators().create("exact", Map.of());
    return request -> {
      if (request.iteration() == at && ARMED.get()) {
        throw new IllegalStateException("simulated crash at iteration " + at);
      }
      return exact.evaluate(request);
    };
  }
}
