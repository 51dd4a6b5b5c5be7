package org.fednpg.envs.classic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.TransitionKernel;
import org.fednpg.envs.TestSupport;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;

class FrozenLakeProviderTest {

  protected EnvironmentProvider provider() {
    return new FrozenLakeProvider();
  }

  protected Map<String, Object> multiAgentParameters() {
    return Map.of("map", "8x8", "agents", 4, "split", "partition");
  }

  /**
   * Best probability of reaching G within {@code horizon} steps from ρ, by undiscounted
   * finite-horizon value iteration: V_0 = 0, V_h = max_a [r + P V_{h−1}] (r = P(enter G)).
   */
  private static double reachProbability(MultiTaskMdp mdp, int horizon) {
    TransitionKernel k = mdp.kernel();
    double[] v = new double[mdp.states()];
    for (int h = 0; h < horizon; h++) {
      double[] next = new double[v.length];
      for (int s = 0; s < v.length; s++) {
        double best = 0;
        for (int a = 0; a < mdp.actions(); a++) {
          double q = mdp.reward(0).get(s, a);
          for (int e = k.rowStart(s, a); e < k.rowEnd(s, a); e++) {
            q += k.probability(e) * v[k.next(e)];
          }
          best = Math.max(best, q);
        }
        next[s] = best;
      }
      v = next;
    }
    return TestSupport.atInitial(mdp, v);
  }

  private static double roundTo2(double x) {
    return Math.round(x * 100) / 100.0;
  }

  @Test
  void bestSuccessProbabilitiesMatchGymnasiumThresholds() {
    // Gymnasium's registry documents the optima next to the reward thresholds:
    // FrozenLake-v1 (max_episode_steps 100) "reward_threshold=0.70,  # optimum = 0.74" and
    // FrozenLake8x8-v1 (max_episode_steps 200) "reward_threshold=0.85,  # optimum = 0.91".
    MultiTaskMdp small = TestSupport.create(provider(), Map.of("map", "4x4"), 1).mdp();
    MultiTaskMdp large = TestSupport.create(provider(), Map.of("map", "8x8"), 1).mdp();
    assertThat(roundTo2(reachProbability(small, 100)))
        .isCloseTo(0.74, within(Tolerances.PUBLISHED_2_DECIMALS));
    assertThat(roundTo2(reachProbability(large, 200)))
        .isCloseTo(0.91, within(Tolerances.PUBLISHED_2_DECIMALS));
  }

  @Test
  void slipperyMovesFollowGymnasium() {
    MultiTaskMdp mdp = TestSupport.create(provider(), Map.of(), 1).mdp();
    TransitionKernel k = mdp.kernel();
    // From the start (0,0), DOWN (1) slips to LEFT (stay), DOWN (state 4), RIGHT (state 1).
    assertThat(k.probability(0, 1, 0)).isCloseTo(1.0 / 3, within(Tolerances.EXACT));
    assertThat(k.probability(0, 1, 4)).isCloseTo(1.0 / 3, within(Tolerances.EXACT));
    assertThat(k.probability(0, 1, 1)).isCloseTo(1.0 / 3, within(Tolerances.EXACT));
    // LEFT (0) from the start: LEFT and UP stay (2/3), DOWN to state 4.
    assertThat(k.probability(0, 0, 0)).isCloseTo(2.0 / 3, within(Tolerances.EXACT));
    // State 14 (3,2), RIGHT: enters G (15) with probability 1/3, the expected reward.
    assertThat(mdp.reward(0).get(14, 2)).isCloseTo(1.0 / 3, within(Tolerances.EXACT));
    // Holes (5) and the goal (15) are absorbing with reward 0.
    for (int s : new int[] {5, 15}) {
      for (int a = 0; a < 4; a++) {
        assertThat(k.probability(s, a, s)).isEqualTo(1.0);
        assertThat(mdp.reward(0).get(s, a)).isEqualTo(0.0);
      }
    }
    assertThat(mdp.initial(0)).isEqualTo(1.0);
  }

  @Test
  void deterministicCustomMapReachesTheGoalByTheShortestPath() {
    MultiTaskMdp mdp =
        TestSupport.create(
                provider(), Map.of("map", "SFF/FHF/FFG", "slippery", false, "gamma", 0.5), 1)
            .mdp();
    // Shortest path: 4 moves, reward 1 on the last; V*(S) = γ^3.
    double[] v = TestSupport.valueIteration(mdp, mdp.averagedReward());
    assertThat(v[0]).isCloseTo(0.125, within(Tolerances.EXACT));
    assertThat(TestSupport.create(provider(), Map.of("map", "SFF,FHF,FFG"), 1).mdp().states())
        .isEqualTo(9);
  }

  @Test
  void badMapsNameTheParameter() {
    assertThatThrownBy(() -> TestSupport.create(provider(), Map.of("map", "SFX/FFG"), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'map'")
        .hasMessageContaining("'X'");
    assertThatThrownBy(() -> TestSupport.create(provider(), Map.of("map", "FFF/FFG"), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'map'")
        .hasMessageContaining("S");
    assertThatThrownBy(() -> TestSupport.create(provider(), Map.of("map", "SFF/FFF"), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'map'");
    assertThatThrownBy(() -> TestSupport.create(provider(), Map.of("map", "SFF/FG"), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'map'");
    assertThatThrownBy(() -> TestSupport.create(provider(), Map.of("agents", 0), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'agents'");
  }
}
