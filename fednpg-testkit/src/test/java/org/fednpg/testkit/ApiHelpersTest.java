package org.fednpg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fednpg.api.Environment;
import org.fednpg.api.EvaluationRequest;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.run.Algorithm;
import org.fednpg.api.run.AlgorithmContext;
import org.fednpg.testing.RandomMdps;
import org.junit.jupiter.api.Test;

/** The API's shortcuts for plugin authors: factories, open ranges, the request-shape check. */
class ApiHelpersTest {

  private static Parameters x(double value) {
    return Parameters.resolve(
        "test",
        List.of(ParameterSpec.required("x", ParameterType.NUMBER, "a number")),
        Map.of("x", value),
        Path.of("."));
  }

  @Test
  void openAndHalfOpenRangesAcceptTheirInsideAndNameTheInterval() {
    assertThat(x(0.5).doubleAbove("x", 0)).isEqualTo(0.5);
    assertThatThrownBy(() -> x(0).doubleAbove("x", 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("test: parameter 'x' must be > 0.0, got 0.0");
    assertThat(x(0).doubleInHalfOpenRange("x", 0, 1)).isEqualTo(0.0);
    assertThatThrownBy(() -> x(1).doubleInHalfOpenRange("x", 0, 1))
        .hasMessage("test: parameter 'x' must be in [0.0, 1.0), got 1.0");
    assertThat(x(1).doubleInRange("x", 0, false, 1, true)).isEqualTo(1.0);
    assertThatThrownBy(() -> x(0).doubleInRange("x", 0, false, 1, true))
        .hasMessage("test: parameter 'x' must be in (0.0, 1.0], got 0.0");
    assertThatThrownBy(() -> x(2).doubleInRange("x", Double.NEGATIVE_INFINITY, false, 1, false))
        .hasMessage("test: parameter 'x' must be < 1.0, got 2.0");
    assertThat(x(1).doubleInRange("x", 0, 1)).isEqualTo(1.0);
  }

  @Test
  void environmentOfKeepsTheModelAndACopyOfTheFacts() {
    MultiTaskMdp mdp = RandomMdps.create(1, 4, 2, 2, 3, 0.9);
    Map<String, Object> facts = new java.util.HashMap<>(Map.of("k", 1));
    Environment env = Environment.of(mdp, facts);
    facts.put("later", 2);
    assertThat(env.mdp()).isSameAs(mdp);
    assertThat(env.manifestInfo()).isEqualTo(Map.of("k", 1));
    assertThat(env.generativeModel().states()).isEqualTo(4);
    assertThat(Environment.of(mdp).describe()).isEqualTo(mdp.toString());
  }

  @Test
  void algorithmOfRefusesNoAgentsAndNoExchanges() {
    assertThatThrownBy(() -> Algorithm.of(List.of(), 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one agent");
    MultiTaskMdp mdp = RandomMdps.create(1, 4, 2, 2, 1, 0.9);
    AlgorithmContext none = new AlgorithmContext(mdp, null, null, null, null, null);
    Algorithm one =
        Algorithm.of(
            List.of(new AveragingNpgProvider.Agent(0, mdp, none, 0.1)),
            1,
            0.25,
            false,
            Map.of("a", 1));
    assertThat(one.tau()).isEqualTo(0.25);
    assertThat(one.usesTopology()).isFalse();
    assertThat(one.manifestInfo()).isEqualTo(Map.of("a", 1));
    assertThatThrownBy(() -> Algorithm.of(one.agents(), 0, 0))
        .hasMessageContaining("exchanges per iteration must be >= 1, got 0");
  }

  @Test
  void requireShapeNamesBothShapes() {
    MultiTaskMdp mdp = RandomMdps.create(1, 4, 2, 2, 1, 0.9);
    MultiTaskMdp other = RandomMdps.create(1, 5, 2, 2, 1, 0.9);
    EvaluationRequest r = EvaluationRequest.of(other.reward(0), LogPolicy.uniform(5, 2), 0);
    assertThat(r.requireShape(other)).isSameAs(r);
    assertThatThrownBy(() -> r.requireShape(mdp))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "evaluation request is 5x2 (reward and policy) but the evaluator's model has "
                + "4 states and 2 actions");
  }
}
