package org.fednpg.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.run.AssembledRun;
import org.fednpg.core.run.ComponentSpec;
import org.fednpg.core.run.RunAssembler;
import org.fednpg.core.run.RunRequest;
import org.junit.jupiter.api.Test;

/** Nodes compare fingerprints of what they built: equal runs agree, any difference shows. */
class RunFingerprintTest {

  private static AssembledRun build(long seed, String weights, double eta) {
    return new RunAssembler(Plugins.registry())
        .assemble(
            new RunRequest(
                seed,
                null,
                ComponentSpec.of("garnet", "states", 8, "actions", 2, "branching", 2, "agents", 4),
                ComponentSpec.of("ring", "weights", weights),
                null,
                ComponentSpec.of("fednpg", "eta", eta),
                Path.of(".")));
  }

  @Test
  void sameSpecSameFingerprintAnyDifferenceChangesIt() {
    String base = RunFingerprint.of(build(1, "equal", 0.1));
    assertThat(RunFingerprint.of(build(1, "equal", 0.1))).isEqualTo(base);
    assertThat(RunFingerprint.of(build(2, "equal", 0.1))).isNotEqualTo(base); // model
    assertThat(RunFingerprint.of(build(1, "lazy", 0.1))).isNotEqualTo(base); // W
    assertThat(RunFingerprint.of(build(1, "equal", 0.2))).isNotEqualTo(base); // algorithm
  }

  @Test
  void aMismatchNamesThePartThatDifferedWithBothValues() {
    String base = RunFingerprint.of(build(1, "equal", 0.1));
    String other = RunFingerprint.of(build(1, "equal", 0.2));
    String message = RunFingerprint.difference(base, other).orElseThrow();
    assertThat(message)
        .contains("parameters differs: here ")
        .contains("\"eta\":0.1000000000000000055")
        .contains("\"eta\":0.2000000000000000111")
        .doesNotContain("model differs")
        .doesNotContain("mixing differs");
    assertThat(
            RunFingerprint.difference(base, RunFingerprint.of(build(2, "equal", 0.1)))
                .orElseThrow())
        .startsWith("model differs: here sha256:");
    assertThat(RunFingerprint.difference(base, base)).isEmpty();
  }

  @Test
  void mapsAreWrittenWithSortedKeysAndExactNumbers() {
    Map<String, Object> forwards = new LinkedHashMap<>();
    forwards.put("a", 1);
    forwards.put("b", List.of(0.5, 2L));
    forwards.put("c", Map.of("y", true, "x", "t"));
    Map<String, Object> backwards = new LinkedHashMap<>();
    backwards.put("c", Map.of("x", "t", "y", true));
    backwards.put("b", List.of(0.5, 2));
    backwards.put("a", 1L);
    // 0.5 is exact in binary; 0.1 is 0.1000000000000000055511151231257827021181583404541015625
    assertThat(RunFingerprint.canonical(forwards))
        .isEqualTo(RunFingerprint.canonical(backwards))
        .isEqualTo("{\"a\":1,\"b\":[0.5,2],\"c\":{\"x\":\"t\",\"y\":true}}");
    assertThat(RunFingerprint.canonical(0.1))
        .isEqualTo("0.1000000000000000055511151231257827021181583404541015625");
    assertThat(RunFingerprint.canonical(1.0)).isEqualTo(RunFingerprint.canonical(1));
  }
}
