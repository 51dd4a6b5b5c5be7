package org.fednpg.envs.classic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.envs.TestSupport;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;

class ForestProviderTest {

  protected EnvironmentProvider provider() {
    return new ForestProvider();
  }

  protected Map<String, Object> multiAgentParameters() {
    return Map.of("agents", 3, "split", "perturb", "noise", 0.2);
  }

  /** pymdptoolbox PolicyIteration(forest(), 0.9) docstring: V = (26.244, 29.484, 33.484), π = 0. */
  @Test
  void optimalValuesMatchPymdptoolbox() {
    MultiTaskMdp mdp = TestSupport.create(provider(), Map.of(), 1).mdp();
    double[] v = TestSupport.valueIteration(mdp, mdp.averagedReward());
    assertThat(v[0]).isCloseTo(26.244, within(Tolerances.PUBLISHED_3_DECIMALS));
    assertThat(v[1]).isCloseTo(29.484, within(Tolerances.PUBLISHED_3_DECIMALS));
    assertThat(v[2]).isCloseTo(33.484, within(Tolerances.PUBLISHED_3_DECIMALS));
    assertThat(TestSupport.greedy(mdp, mdp.averagedReward(), v))
        .containsExactly(ForestProvider.WAIT, ForestProvider.WAIT, ForestProvider.WAIT);
  }

  @Test
  void kernelAndRewardsFollowTheToolboxDefinition() {
    MultiTaskMdp mdp = ForestProvider.model(4, 4, 2, 0.1, 0.9);
    assertThat(mdp.kernel().probability(1, ForestProvider.WAIT, 0)).isEqualTo(0.1);
    assertThat(mdp.kernel().probability(1, ForestProvider.WAIT, 2)).isEqualTo(0.9);
    assertThat(mdp.kernel().probability(3, ForestProvider.WAIT, 3)).isEqualTo(0.9);
    assertThat(mdp.kernel().probability(2, ForestProvider.CUT, 0)).isEqualTo(1.0);
    double[] wait = {0, 0, 0, 4};
    double[] cut = {0, 1, 1, 2};
    for (int s = 0; s < 4; s++) {
      assertThat(mdp.reward(0).get(s, ForestProvider.WAIT)).isEqualTo(wait[s]);
      assertThat(mdp.reward(0).get(s, ForestProvider.CUT)).isEqualTo(cut[s]);
    }
  }

  /** Every split keeps r̄ = r, so the optimum is the published one for N agents too. */
  @Test
  void splitsKeepTheOptimum() {
    for (String split : new String[] {"identical", "partition", "perturb"}) {
      MultiTaskMdp mdp =
          TestSupport.create(provider(), Map.of("agents", 5, "split", split), 4).mdp();
      assertThat(mdp.agents()).isEqualTo(5);
      double[] v = TestSupport.valueIteration(mdp, mdp.averagedReward());
      assertThat(v[2]).as(split).isCloseTo(33.484, within(Tolerances.PUBLISHED_3_DECIMALS));
    }
  }
}
