package org.fednpg.experiments.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.RandomSource;
import org.fednpg.core.robust.AdversarySpec;
import org.junit.jupiter.api.Test;

/** The spec's {@code adversary} block: parsed strictly, round-tripped, seeded. */
class AdversarySpecParserTest {

  private static final String BASE =
      "environment: {type: gridworld, size: 4, agents: 10}\n"
          + "topology: {type: ring, neighbors: 2}\n"
          + "algorithm: {type: fednpg, aggregation: median}\n";

  private static ExperimentSpec parse(String adversary) {
    return SpecParser.parse(BASE + "adversary: " + adversary + "\n", "x");
  }

  @Test
  void parsesAndRoundTripsEachAttack() {
    for (String block :
        List.of(
            "{agents: [3, 1], attack: sign-flip}",
            "{count: 2, attack: scaled, scale: 2.5}",
            "{count: 1, attack: random, sigma: 0.1}",
            "{count: 1, attack: constant, value: -3}",
            "{count: 1, attack: stale, lag: 4}",
            "{count: 1, attack: lie-q}")) {
      ExperimentSpec s = parse(block);
      assertThat(s.adversary()).as(block).isNotNull();
      assertThat(SpecParser.parse(SpecWriter.toYaml(s), "y")).as(block).isEqualTo(s);
    }
    assertThat(parse("{count: 2, attack: scaled, scale: 2.5}").adversary().scale()).isEqualTo(2.5);
    assertThat(parse("{count: 1, attack: stale, lag: 4}").adversary().lag()).isEqualTo(4);
  }

  @Test
  void refusesUnknownKeysMisplacedParametersAndBadValues() {
    assertThatThrownBy(() -> parse("{count: 1, attack: sign-flip, strength: 3}"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown key 'adversary.strength'");
    assertThatThrownBy(() -> parse("{count: 1, attack: sign-flip, lag: 3}"))
        .hasMessageContaining("'adversary.lag' applies only to attack 'stale'");
    assertThatThrownBy(() -> parse("{count: 1, attack: byzantine}"))
        .hasMessageContaining("'attack' must be one of")
        .hasMessageContaining("byzantine");
    assertThatThrownBy(() -> parse("{agents: [1], count: 1, attack: sign-flip}"))
        .hasMessageContaining("exactly one of 'agents'");
    assertThatThrownBy(() -> parse("{count: 1, attack: stale, lag: 0}"))
        .hasMessageContaining("'adversary.lag' must be in [1, 1000000], got 0");
    assertThatThrownBy(() -> parse("{agents: [1, x], attack: sign-flip}"))
        .hasMessageContaining("'adversary.agents' must hold whole numbers");
    assertThatThrownBy(() -> parse("{count: 1}")).hasMessageContaining("needs 'attack: NAME'");
  }

  @Test
  void countDrawsDistinctAgentsFromTheSeedAndExplicitIdsAreChecked() {
    AdversarySpec three = parse("{count: 3, attack: sign-flip}").adversary();
    int[] a = three.resolve(10, RandomSource.of(5).child("adversary"));
    int[] b = three.resolve(10, RandomSource.of(5).child("adversary"));
    assertThat(a).containsExactly(b).hasSize(3).doesNotHaveDuplicates();
    assertThat(java.util.Arrays.stream(a).boxed().toList())
        .allSatisfy(id -> assertThat(id).isBetween(0, 9));
    AdversarySpec out = parse("{agents: [10], attack: sign-flip}").adversary();
    assertThatThrownBy(() -> out.resolve(10, RandomSource.of(5)))
        .hasMessageContaining("agent id 10 is out of range, the run has agents 0..9");
    AdversarySpec all = parse("{count: 10, attack: sign-flip}").adversary();
    assertThatThrownBy(() -> all.resolve(10, RandomSource.of(5)))
        .hasMessageContaining("leave no honest agent");
  }
}
