package org.fednpg.envs.classic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.envs.TestSupport;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;

class CliffWalkingProviderTest {

  protected EnvironmentProvider provider() {
    return new CliffWalkingProvider();
  }

  protected Map<String, Object> multiAgentParameters() {
    return Map.of("agents", 6, "split", "partition");
  }

  /** The optimal route is up, 11 × right, down: 13 moves at −1, so V*(start) = −Σ_{k<13} γ^k. */
  @Test
  void optimalValueIsTheThirteenStepEdgeRoute() {
    double gamma = 0.9;
    MultiTaskMdp mdp = TestSupport.create(provider(), Map.of("gamma", gamma), 1).mdp();
    double[] v = TestSupport.valueIteration(mdp, mdp.averagedReward());
    double expected = 0;
    for (int k = 0; k < 13; k++) {
      expected -= Math.pow(gamma, k);
    }
    assertThat(v[CliffWalkingProvider.START]).isCloseTo(expected, within(Tolerances.EXACT));
    assertThat(TestSupport.atInitial(mdp, v)).isCloseTo(expected, within(Tolerances.EXACT));
  }

  @Test
  void cliffSendsBackToStartWithMinusOneHundred() {
    MultiTaskMdp mdp = CliffWalkingProvider.model(0.99);
    // From the start (3,0), RIGHT (1) enters the cliff (3,1).
    assertThat(mdp.kernel().probability(36, 1, 36)).isEqualTo(1.0);
    assertThat(mdp.reward(0).get(36, 1)).isEqualTo(-100.0);
    // UP (0) from the start goes to (2,0) = 24 at −1; from (2,11) = 35, DOWN (2) enters the goal.
    assertThat(mdp.kernel().probability(36, 0, 24)).isEqualTo(1.0);
    assertThat(mdp.reward(0).get(35, 2)).isEqualTo(-1.0);
    assertThat(mdp.kernel().probability(35, 2, 47)).isEqualTo(1.0);
    for (int a = 0; a < 4; a++) {
      assertThat(mdp.kernel().probability(47, a, 47)).isEqualTo(1.0);
      assertThat(mdp.reward(0).get(47, a)).isEqualTo(0.0);
    }
  }
}
