package org.fednpg.core.fednac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.Topology;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.TestTopologies;
import org.fednpg.testing.LogCapture;
import org.fednpg.testing.RandomMdps;
import org.junit.jupiter.api.Test;

/**
 * {@code features} and {@code critic} as nested blocks ({@code features: {type: random, dim: 8}}
 * reaches the provider as {@code features: random, features.dim: 8}, see the spec parser) and the
 * old flat keys as deprecated aliases: the same run either way, one warning for the old form.
 */
class FedNacNestedBlocksTest {

  private static final MultiTaskMdp GARNET = RandomMdps.create(3, 4, 2, 2, 3, 0.9);
  private static final Topology RING = TestTopologies.ring(3);

  /** The rows of 6 iterations and the warnings FedNacProvider logged while building. */
  private record Outcome(List<IterationMetrics> rows, List<String> warnings) {}

  private static Outcome run(Supplier<org.fednpg.api.run.Algorithm> build, double tau) {
    org.fednpg.api.run.Algorithm alg;
    List<String> warnings;
    try (LogCapture log = LogCapture.of(FedNacProvider.class)) {
      alg = build.get();
      warnings = log.messages(Level.WARN);
    }
    return new Outcome(NacHarness.run(alg, GARNET, RING, 6, tau, r -> {}), warnings);
  }

  @Test
  void nestedAndFlatFormsOfVariantOursGiveTheSameRowsAndOnlyTheFlatOneWarns() {
    Outcome flat =
        run(
            () ->
                NacHarness.build(
                    Map.of(
                        "tau",
                        0.05,
                        "features",
                        "random",
                        "dim",
                        6,
                        "critic",
                        "td",
                        "samples",
                        300,
                        "critic_step",
                        0.2),
                    GARNET,
                    RING,
                    5),
            0.05);
    Outcome nested =
        run(
            () ->
                NacHarness.build(
                    Map.of(
                        "tau",
                        0.05,
                        "features",
                        "random",
                        "features.dim",
                        6,
                        "critic",
                        "td",
                        "critic.samples",
                        300,
                        "critic.step",
                        0.2),
                    GARNET,
                    RING,
                    5),
            0.05);
    // same seed, same parameters: bit for bit (wall time aside; no adversary block, so the
    // honest tracking drift is NaN in both, which the element comparator cannot match)
    assertThat(nested.rows())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields(
            "elapsedMs", "honestTrackingDrift")
        .isEqualTo(flat.rows());
    assertThat(nested.warnings()).isEmpty();
    assertThat(flat.warnings())
        .singleElement()
        .asString()
        .contains("dim, samples, critic_step")
        .contains("features: {type: random, dim: 6}")
        .contains("critic: {type: td, samples: 300, step: 0.2}");
  }

  @Test
  void nestedAndFlatFormsOfVariantPaperGiveTheSameRows() {
    Outcome flat =
        run(
            () ->
                NacHarness.paper(
                    Map.of("critic_steps", 40, "beta", 0.3, "nu", "rho-policy"), GARNET, RING, 2),
            0);
    Outcome nested =
        run(
            () ->
                NacHarness.paper(
                    Map.of(
                        "critic",
                        "sgd",
                        "critic.steps",
                        40,
                        "critic.beta",
                        0.3,
                        "critic.nu",
                        "rho-policy"),
                    GARNET,
                    RING,
                    2),
            0);
    assertThat(nested.rows())
        .usingRecursiveFieldByFieldElementComparatorIgnoringFields(
            "elapsedMs", "honestTrackingDrift")
        .isEqualTo(flat.rows());
    assertThat(nested.warnings()).isEmpty();
    assertThat(flat.warnings())
        .singleElement()
        .asString()
        .contains("critic: {type: sgd, steps: 40, beta: 0.3, nu: rho-policy}");
  }

  @Test
  void keysOfAnotherCriticOrVariantAndDoubleGivenKeysAreRefusedNamingTheKey() {
    assertThatThrownBy(
            () ->
                NacHarness.build(
                    Map.of("critic", "exact-projection", "critic.samples", 10), GARNET, RING, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'critic.samples' does not apply to critic 'exact-projection'");
    assertThatThrownBy(() -> NacHarness.paper(Map.of("critic", "td"), GARNET, RING, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("critic 'td' belongs to variant 'ours'");
    assertThatThrownBy(() -> NacHarness.paper(Map.of("critic.samples", 10), GARNET, RING, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'critic.samples' belongs to variant 'ours'");
    assertThatThrownBy(
            () ->
                NacHarness.build(
                    Map.of("features", "random", "dim", 4, "features.dim", 4), GARNET, RING, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'dim' is the deprecated form of 'features.dim'");
    assertThatThrownBy(
            () -> NacHarness.build(Map.of("features", "file", "features.dim", 4), GARNET, RING, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'features.dim' only applies to features = random");
    assertThatThrownBy(() -> NacHarness.build(Map.of("features.size", 4), GARNET, RING, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown parameter 'features.size'");
  }
}
