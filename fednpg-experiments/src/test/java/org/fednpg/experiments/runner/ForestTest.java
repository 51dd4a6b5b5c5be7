package org.fednpg.experiments.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.fednpg.api.EvaluationRequest;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.run.RunListener;
import org.fednpg.core.metrics.PolicyValues;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.run.AssembledRun;
import org.fednpg.core.run.ComponentSpec;
import org.fednpg.core.run.RunAssembler;
import org.fednpg.core.run.RunRequest;
import org.fednpg.core.runtime.InProcessRuntime;
import org.fednpg.core.runtime.RunOptions;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;

/**
 * pymdptoolbox's forest-management example (S = 3, r1 = 4, r2 = 2, p = 0.1, γ = 0.9) solved by
 * centralised NPG. Its documentation gives the optimal values (26.244, 29.484, 33.484), policy
 * "wait" (action 0) everywhere.
 */
class ForestTest {

  private static final double[] DOCUMENTED = {26.244, 29.484, 33.484};

  @Test
  void centralizedNpgReachesTheDocumentedOptimalValues() {
    AssembledRun run =
        new RunAssembler(Plugins.registry())
            .assemble(
                new RunRequest(
                    1,
                    0.9,
                    ComponentSpec.of("forest"),
                    null,
                    ComponentSpec.of("exact"),
                    ComponentSpec.of("centralized", "eta", 1.0),
                    Path.of(".")));
    new InProcessRuntime()
        .run(
            run.algorithm(),
            run.topology(),
            run.metrics(),
            new RunOptions(300, 50, 1),
            new RunListener() {
              @Override
              public void onIteration(org.fednpg.api.run.IterationMetrics m) {}
            });
    LogPolicy pi = run.algorithm().agents().get(0).policy();
    double[] q =
        run.evaluator().evaluate(EvaluationRequest.of(run.mdp().averagedReward(), pi, 0)).toArray();
    double[] v = PolicyValues.stateValues(pi, q, 0);
    for (int s = 0; s < 3; s++) {
      assertThat(v[s]).isCloseTo(DOCUMENTED[s], within(Tolerances.PUBLISHED_3_DECIMALS));
      assertThat(pi.greedyAction(s)).isZero();
    }
  }
}
