package org.fednpg.core.fednac;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.api.run.RunListener;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.run.AssembledRun;
import org.fednpg.core.run.ComponentSpec;
import org.fednpg.core.run.RunAssembler;
import org.fednpg.core.run.RunRequest;
import org.fednpg.core.runtime.InProcessRuntime;
import org.fednpg.core.runtime.RunOptions;
import org.junit.jupiter.api.Test;

/** FedNAC through the real assembler: no evaluator block, the registry's exact evaluator. */
class FedNacAssemblyTest {

  @Test
  void assemblesWithoutEvaluatorAndRunsWithTheRegistryExactEvaluator() {
    RunRequest request =
        new RunRequest(
            4,
            null,
            ComponentSpec.of("gridworld", "size", 4, "agents", 5, "gamma", 0.9),
            ComponentSpec.of("ring"),
            null,
            ComponentSpec.of("fednac", "variant", "ours", "critic", "exact-projection", "eta", 0.5),
            Path.of("."));
    AssembledRun run = new RunAssembler(Plugins.registry()).assemble(request);
    assertThat(run.evaluator()).isNull();
    assertThat(run.algorithm()).isInstanceOf(FedNacAlgorithm.class);
    List<IterationMetrics> rows = new ArrayList<>();
    new InProcessRuntime()
        .run(
            run.algorithm(),
            run.topology(),
            run.metrics(),
            new RunOptions(40, 1, 2),
            new RunListener() {
              @Override
              public void onIteration(IterationMetrics m) {
                rows.add(m);
              }
            });
    // one-hot features span every Q: the floor is exactly zero (projection = identity)
    @SuppressWarnings("unchecked")
    Map<String, Object> floor =
        (Map<String, Object>) run.algorithm().manifestInfo().get("approximation_error");
    assertThat((Double) floor.get("max_abs")).isZero();
    assertThat(run.algorithm().manifestInfo()).containsEntry("d", 16 * 2);
    // d doubles per table, 2 exchanges, 5 agents × 2 neighbours directed edges, 40 iterations
    assertThat(rows.get(40).bytesSent()).isEqualTo(40L * 2 * 5 * 2 * 32 * 8);
    assertThat(rows.get(40).value()).isGreaterThan(rows.get(0).value());
    assertThat(rows.get(40).samples()).isZero();
  }
}
