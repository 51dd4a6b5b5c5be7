package org.fednpg.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.run.AssembledRun;
import org.fednpg.core.run.ComponentSpec;
import org.fednpg.core.run.RunAssembler;
import org.fednpg.core.run.RunRequest;
import org.junit.jupiter.api.Test;

/** Nodes compare fingerprints of what they built: equal runs agree, any difference shows. */
class RunFingerprintTest {

  private static AssembledRun build(long seed, String weights, double eta) {
    return new RunAssembler(Plugins.registry()).assemble(new RunRequest(seed, null,
        ComponentSpec.of("garnet", "states", 8, "actions", 2, "branching", 2, "agents", 4),
        ComponentSpec.of("ring", "weights", weights), null,
        ComponentSpec.of("fednpg", "eta", eta), Path.of(".")));
  }

  @Test
  void sameSpecSameFingerprintAnyDifferenceChangesIt() {
    String base = RunFingerprint.of(build(1, "equal", 0.1));
    assertThat(RunFingerprint.of(build(1, "equal", 0.1))).isEqualTo(base);
    assertThat(RunFingerprint.of(build(2, "equal", 0.1))).isNotEqualTo(base);       // model
    assertThat(RunFingerprint.of(build(1, "lazy", 0.1))).isNotEqualTo(base);        // W
    assertThat(RunFingerprint.of(build(1, "equal", 0.2))).isNotEqualTo(base);       // algorithm
  }
}
