package org.fednpg.experiments.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.fednpg.api.InvalidInputException;
import org.junit.jupiter.api.Test;

class SpecParserTest {

  private static final String SPEC =
      """
      name: garnet-demo
      seed: 7
      iterations: 200
      gamma: 0.9
      environment: {type: garnet, states: 30, actions: 4, branching: 5, agents: 8}
      topology:    {type: ring, neighbors: 1, weights: equal}
      evaluator:   {type: exact}
      algorithm:   {type: fednpg, eta: 0.1, tau: 0.0}
      sweep:
        algorithm.eta: [0.05, 0.1]
        seed: [1, 2, 3]
      """;

  @Test
  void parsesEveryField() {
    ExperimentSpec s = SpecParser.parse(SPEC, "x");
    assertThat(s.name()).isEqualTo("garnet-demo");
    assertThat(s.seed()).isEqualTo(7);
    assertThat(s.iterations()).isEqualTo(200);
    assertThat(s.gamma()).isEqualTo(0.9);
    assertThat(s.environment().type()).isEqualTo("garnet");
    assertThat(s.environment().parameters()).containsEntry("states", 30L);
    assertThat(s.algorithm().parameters()).containsEntry("eta", 0.1);
    assertThat(s.sweep().get("seed")).containsExactly(1L, 2L, 3L);
  }

  @Test
  void roundTripsThroughYamlAndJson() {
    ExperimentSpec s = SpecParser.parse(SPEC, "x");
    assertThat(SpecParser.parse(SpecWriter.toYaml(s), "y")).isEqualTo(s);
    assertThat(SpecParser.parse(SpecWriter.toJson(SpecWriter.toMap(s)), "y")).isEqualTo(s);
  }

  @Test
  void sweepExpandsToTheGridWithNamedCells() {
    List<Sweeps.Cell> cells = Sweeps.expand(SpecParser.parse(SPEC, "x"));
    assertThat(cells)
        .extracting(Sweeps.Cell::name)
        .containsExactly(
            "algorithm.eta=0.05,seed=1",
            "algorithm.eta=0.05,seed=2",
            "algorithm.eta=0.05,seed=3",
            "algorithm.eta=0.1,seed=1",
            "algorithm.eta=0.1,seed=2",
            "algorithm.eta=0.1,seed=3");
    Sweeps.Cell c = cells.get(4);
    assertThat(c.spec().seed()).isEqualTo(2);
    assertThat(c.spec().algorithm().parameters()).containsEntry("eta", 0.1);
    assertThat(c.spec().sweep()).isEmpty();
    assertThat(c.spec().environment()).isEqualTo(cells.get(0).spec().environment());
  }

  @Test
  void sweepOfAnUnknownBlockIsRefused() {
    String bad = SPEC.replace("algorithm.eta:", "solver.eta:");
    assertThatThrownBy(() -> Sweeps.expand(SpecParser.parse(bad, "x")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("solver.eta");
  }

  @Test
  void unknownTopLevelKeyIsNamed() {
    assertThatThrownBy(() -> SpecParser.parse(SPEC + "iterashuns: 3\n", "x"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown key 'iterashuns'")
        .hasMessageContaining("iterations");
  }

  @Test
  void illTypedValuesAreNamed() {
    assertThatThrownBy(() -> SpecParser.parse(SPEC.replace("seed: 7", "seed: seven"), "x"))
        .hasMessageContaining("'seed'");
    assertThatThrownBy(
            () -> SpecParser.parse(SPEC.replace("iterations: 200", "iterations: 2.5"), "x"))
        .hasMessageContaining("'iterations'");
    assertThatThrownBy(() -> SpecParser.parse(SPEC.replace("gamma: 0.9", "gamma: 1.5"), "x"))
        .hasMessageContaining("'gamma'");
    assertThatThrownBy(
            () ->
                SpecParser.parse(SPEC.replace("{type: exact}", "{type: exact, base: [1, 2]}"), "x"))
        .hasMessageContaining("'evaluator.base'");
    assertThatThrownBy(() -> SpecParser.parse(SPEC.replace("{type: exact}", "exact"), "x"))
        .hasMessageContaining("'evaluator'");
  }

  @Test
  void missingBlocksAndMalformedTextAreReported() {
    assertThatThrownBy(() -> SpecParser.parse("name: a\nalgorithm: {type: fednpg}\n", "x"))
        .hasMessageContaining("missing block 'environment'");
    assertThatThrownBy(() -> SpecParser.parse("name: [unclosed\n", "x"))
        .hasMessageContaining("malformed spec")
        .hasMessageContaining("line");
  }

  @Test
  void wholeBlocksCanBeSwept() {
    String spec =
        """
        environment: {type: garnet, agents: 4}
        algorithm: {type: fednpg}
        sweep:
          topology: [{type: ring, neighbors: 1}, {type: grid, rows: 2, cols: 2}]
        """;
    List<Sweeps.Cell> cells = Sweeps.expand(SpecParser.parse(spec, "blocks"));
    assertThat(cells)
        .extracting(Sweeps.Cell::name)
        .containsExactly("topology=ring-neighbors1", "topology=grid-rows2-cols2");
    assertThat(cells.get(1).spec().topology().type()).isEqualTo("grid");
    assertThat(cells.get(1).spec().topology().parameters()).containsEntry("rows", 2L);
    ExperimentSpec parsed = SpecParser.parse(spec, "blocks");
    assertThat(SpecParser.parse(SpecWriter.toYaml(parsed), "blocks")).isEqualTo(parsed);
  }

  @Test
  void dottedKeysRefineASweptBlockWhateverTheirOrder() {
    String spec =
        """
        environment: {type: garnet, agents: 4}
        topology: {type: ring}
        algorithm: {type: fednpg, eta: 0.1}
        sweep:
          algorithm.eta: [0.05, 0.5]
          algorithm: [{type: naive}, {type: fednpg}]
        """;
    List<Sweeps.Cell> cells = Sweeps.expand(SpecParser.parse(spec, "order"));
    assertThat(cells).hasSize(4);
    for (Sweeps.Cell c : cells) {
      assertThat(c.spec().algorithm().parameters().get("eta"))
          .isEqualTo(c.values().get("algorithm.eta"));
      assertThat(c.spec().algorithm().type())
          .isEqualTo(((java.util.Map<?, ?>) c.values().get("algorithm")).get("type"));
    }
  }

  @Test
  void sweepCellsThatWouldShareAFolderAreRefused() {
    String spec =
        "environment: {type: garnet}\nalgorithm: {type: fednpg}\n"
            + "sweep:\n  algorithm.eta: [0.5, '0.5']\n";
    assertThatThrownBy(() -> Sweeps.expand(SpecParser.parse(spec, "x")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("share the folder 'algorithm.eta=0.5'");
  }

  @Test
  void duplicateKeysAreRefused() {
    assertThatThrownBy(() -> SpecParser.parse(SPEC + "iterations: 4\n", "x"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("iterations");
    assertThatThrownBy(
            () -> SpecParser.parse(SPEC.replace("states: 30,", "states: 30, states: 5,"), "x"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("states");
  }

  @Test
  void yamlAliasesAndAnchorsAreRefused() {
    String aliased = "name: *myname\n" + SPEC.substring(SPEC.indexOf('\n') + 1);
    assertThatThrownBy(() -> SpecParser.parse(aliased, "x"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("YAML alias '*myname'")
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> SpecParser.parse(SPEC.replace("seed: 7", "seed: &s 7"), "x"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("YAML anchor '&s'");
  }

  @Test
  void outOfRangeNumbersAreQuotedAsWrittenAndTruncated() {
    assertThatThrownBy(
            () ->
                SpecParser.parse(
                    SPEC.replace("states: 30", "states: 99999999999999999999999"), "x"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "key 'environment.states': whole number out of range (beyond 64 bits): "
                + "99999999999999999999999");
    String digits = "1".repeat(200);
    assertThatThrownBy(() -> SpecParser.parse(SPEC.replace("seed: 7", "seed: " + digits), "x"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageEndingWith(": " + digits.substring(0, 80) + "...");
    assertThatThrownBy(() -> SpecParser.parse(SPEC.replace("eta: 0.1,", "eta: 1e999,"), "x"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("algorithm.eta")
        .hasMessageContaining("1e999");
    assertThatThrownBy(
            () ->
                SpecParser.parse(
                    SPEC.replace("iterations: 200", "iterations: 10000000000000"), "x"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "key 'iterations' must be a whole number in [0, 2147483647], got " + "10000000000000");
  }

  @Test
  void longTextIsRefusedWithoutBeingEchoed() {
    String huge = "p".repeat(5000);
    assertThatThrownBy(() -> SpecParser.parse(SPEC.replace("type: exact", "type: " + huge), "x"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("key 'evaluator.type': text of 5000 characters")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(250));
  }

  @Test
  void sweepExpansionIsLinearAndCapped() {
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      values.append(i == 0 ? "" : ", ").append(i);
    }
    ExperimentSpec s =
        SpecParser.parse(SPEC.replace("seed: [1, 2, 3]", "seed: [" + values + "]"), "x");
    assertThat(Sweeps.count(s)).isEqualTo(600);
    assertThat(Sweeps.expand(s)).hasSize(600);
    assertThatThrownBy(() -> Sweeps.expand(s, 599))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("600 cells")
        .hasMessageContaining("limit of 599");
  }

  @Test
  void runtimeOverridesReplaceOnlyTheNamedKeys() {
    ExperimentSpec s =
        SpecParser.parse(SPEC + "runtime: {type: pekko, drop: 0.1, timeout_s: 5}\n", "x");
    ExperimentSpec merged = s.withRuntimeOverrides(null, java.util.Map.of("cluster", "h:1"));
    assertThat(merged.runtime().type()).isEqualTo("pekko");
    assertThat(merged.runtime().parameters())
        .containsEntry("drop", 0.1)
        .containsEntry("timeout_s", 5L)
        .containsEntry("cluster", "h:1");
    assertThat(s.withRuntimeOverrides("inprocess", java.util.Map.of()).runtime().parameters())
        .containsEntry("drop", 0.1);
  }
}
