package org.fednpg.experiments.plugins;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fednpg.api.EvaluatorContext;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.PolicyEvaluatorProvider;

/**
 * Test-only evaluator {@code test-pause}: the exact evaluator, except that when asked for iteration
 * {@code at} it creates {@code <go>.waiting} and waits until the file {@code go} exists, so a test
 * can act while a run (in another JVM) is known to be half-way.
 */
public final class PausingEvaluatorProvider implements PolicyEvaluatorProvider {

  @Override
  public String name() {
    return "test-pause";
  }

  @Override
  public String description() {
    return "test-only: exact, but waits at one iteration until a file exists";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.required("at", ParameterType.INTEGER, "iteration that waits"),
        ParameterSpec.required("go", ParameterType.STRING, "file whose existence ends the wait"));
  }

  @Override
  public PolicyEvaluator create(Parameters parameters, EvaluatorContext context) {
    long at = parameters.getLong("at");
    Path go = Path.of(parameters.getString("go"));
    PolicyEvaluator exact = context.evaluators().create("exact", Map.of());
    return request -> {
      if (request.iteration() == at) {
        try {
          Files.writeString(go.resolveSibling(go.getFileName() + ".waiting"), "");
          while (!Files.exists(go)) {
            Thread.sleep(20);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while paused", e);
        }
      }
      return exact.evaluate(request);
    };
  }
}
