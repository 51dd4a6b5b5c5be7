package org.fednpg.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.api.run.RunListener;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.runtime.InProcessRuntime;
import org.fednpg.core.runtime.RunOptions;
import org.junit.jupiter.api.Test;

/** FedNPG with noisy evaluation on a seeded Garnet instance (issue 5). */
class NoisyEvaluationTest {

  private static double finalGap(double epsilon, String law) {
    AssembledRun run =
        new RunAssembler(Plugins.registry())
            .assemble(
                new RunRequest(
                    3,
                    null,
                    ComponentSpec.of(
                        "garnet", "states", 20, "actions", 3, "branching", 4, "agents", 6),
                    ComponentSpec.of("ring", "neighbors", 1),
                    ComponentSpec.of("noisy", "epsilon", epsilon, "law", law),
                    ComponentSpec.of("fednpg", "eta", 0.5, "tau", 0.1),
                    Path.of(".")));
    List<IterationMetrics> rows = new ArrayList<>();
    new InProcessRuntime()
        .run(
            run.algorithm(),
            run.topology(),
            run.metrics(),
            new RunOptions(80, 1, 2),
            new RunListener() {
              @Override
              public void onIteration(IterationMetrics m) {
                rows.add(m);
              }
            });
    return Math.abs(rows.get(rows.size() - 1).optimalityGap());
  }

  @Test
  void finalGapGrowsWithTheNoiseSize() {
    for (String law : List.of("uniform", "adversarial")) {
      double previous = -1;
      // decades apart: the noise-induced gap scales with ε, so each step up must show
      for (double eps : new double[] {0.0, 1e-4, 1e-3, 1e-2, 1e-1}) {
        double gap = finalGap(eps, law);
        assertThat(gap).as("%s noise, epsilon %s", law, eps).isGreaterThan(previous);
        previous = gap;
      }
    }
  }

  @Test
  void zeroNoiseReproducesExactEvaluationBitForBit() {
    AssembledRun noisy =
        new RunAssembler(Plugins.registry())
            .assemble(
                new RunRequest(
                    3,
                    null,
                    ComponentSpec.of(
                        "garnet", "states", 20, "actions", 3, "branching", 4, "agents", 6),
                    ComponentSpec.of("ring"),
                    ComponentSpec.of("noisy", "epsilon", 0.0),
                    ComponentSpec.of("fednpg", "eta", 0.5, "tau", 0.1),
                    Path.of(".")));
    AssembledRun exact =
        new RunAssembler(Plugins.registry())
            .assemble(
                new RunRequest(
                    3,
                    null,
                    ComponentSpec.of(
                        "garnet", "states", 20, "actions", 3, "branching", 4, "agents", 6),
                    ComponentSpec.of("ring"),
                    ComponentSpec.of("exact"),
                    ComponentSpec.of("fednpg", "eta", 0.5, "tau", 0.1),
                    Path.of(".")));
    List<Double> a = new ArrayList<>();
    List<Double> b = new ArrayList<>();
    for (Object[] pair : new Object[][] {{noisy, a}, {exact, b}}) {
      AssembledRun r = (AssembledRun) pair[0];
      @SuppressWarnings("unchecked")
      List<Double> out = (List<Double>) pair[1];
      new InProcessRuntime()
          .run(
              r.algorithm(),
              r.topology(),
              r.metrics(),
              new RunOptions(20, 1, 1),
              new RunListener() {
                @Override
                public void onIteration(IterationMetrics m) {
                  out.add(m.value());
                  out.add(m.consensus());
                }
              });
    }
    assertThat(a).isEqualTo(b);
  }
}
