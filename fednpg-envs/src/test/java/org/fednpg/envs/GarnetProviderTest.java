package org.fednpg.envs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.TransitionKernel;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;

class GarnetProviderTest {

  private static final Map<String, Object> GARNET =
      Map.of("states", 40, "actions", 3, "branching", 6, "agents", 4);

  protected EnvironmentProvider provider() {
    return new GarnetProvider();
  }

  protected Map<String, Object> multiAgentParameters() {
    return GARNET;
  }

  @Test
  void everyRowSumsToOneWithExactlyBranchingNextStates() {
    MultiTaskMdp mdp = TestSupport.create(provider(), GARNET, 8).mdp();
    TransitionKernel k = mdp.kernel();
    for (int s = 0; s < 40; s++) {
      for (int a = 0; a < 3; a++) {
        assertThat(k.rowEnd(s, a) - k.rowStart(s, a)).isEqualTo(6);
        double sum = 0;
        for (int e = k.rowStart(s, a); e < k.rowEnd(s, a); e++) {
          assertThat(k.probability(e)).isPositive();
          sum += k.probability(e);
        }
        assertThat(sum).isCloseTo(1.0, within(TransitionKernel.ROW_SUM_TOLERANCE));
      }
    }
    assertThat(mdp.agents()).isEqualTo(4);
    for (int n = 0; n < 4; n++) {
      assertThat(mdp.reward(n).min()).isGreaterThanOrEqualTo(0);
      assertThat(mdp.reward(n).max()).isLessThanOrEqualTo(1);
    }
    for (int s = 0; s < 40; s++) {
      assertThat(mdp.initial(s)).isCloseTo(1.0 / 40, within(Tolerances.EXACT));
    }
    assertThat(TestSupport.create(provider(), GARNET, 8).manifestInfo())
        .containsEntry("rewards", "uniform")
        .containsEntry("branching", 6);
  }

  @Test
  void fullBranchingUsesEveryState() {
    MultiTaskMdp mdp =
        TestSupport.create(provider(), Map.of("states", 5, "actions", 2, "branching", 5), 3).mdp();
    assertThat(mdp.kernel().nonZeros()).isEqualTo(5 * 2 * 5);
  }

  @Test
  void sameSeedSameMdpAndDifferentSeedDifferentMdp() {
    MultiTaskMdp a = TestSupport.create(provider(), GARNET, 8).mdp();
    MultiTaskMdp b = TestSupport.create(provider(), GARNET, 8).mdp();
    MultiTaskMdp c = TestSupport.create(provider(), GARNET, 9).mdp();
    assertThat(a).isEqualTo(b);
    assertThat(c).isNotEqualTo(a);
    assertThat(c.kernel()).isNotEqualTo(a.kernel());
    assertThat(c.reward(0)).isNotEqualTo(a.reward(0));
  }

  @Test
  void badParametersNameTheParameter() {
    assertThatThrownBy(() -> TestSupport.create(provider(), Map.of("states", 4, "branching", 5), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'branching'");
    assertThatThrownBy(() -> TestSupport.create(provider(), Map.of("agents", 0), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'agents'");
    assertThatThrownBy(() -> TestSupport.create(provider(), Map.of("states", 0), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'states'");
    assertThatThrownBy(() -> TestSupport.create(provider(), Map.of("rewards", "gaussian"), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'rewards'");
  }

  @Test
  void nextStatesAreUniformAndProbabilitiesAreUniformSpacings() {
    // Over many seeds: (1) every state is equally likely to be a next state (chi-square, 9 df,
    // rejected when p < 1e-6, so a correct generator fails with probability 1e-6);
    // (2) the gaps between b−1 sorted uniform cut points are Beta(1, b−1):
    // P(gap > x) = (1−x)^(b−1). Within a row these events are negatively correlated (at most one
    // gap exceeds 1/2; two gaps below 0.1 occur with probability 0.02 < 0.19²), so counts
    // have at most the binomial standard deviation; 6 of them make a false
    // failure rarer than 1e-8.
    int states = 10;
    int actions = 2;
    int b = 3;
    long[] hits = new long[states];
    long above = 0;
    long below = 0;
    long total = 0;
    for (int seed = 0; seed < 300; seed++) {
      TransitionKernel k =
          TestSupport.create(
                  provider(), Map.of("states", states, "actions", actions, "branching", b), seed)
              .mdp()
              .kernel();
      for (int s = 0; s < states; s++) {
        for (int a = 0; a < actions; a++) {
          for (int e = k.rowStart(s, a); e < k.rowEnd(s, a); e++) {
            hits[k.next(e)]++;
            above += k.probability(e) > 0.5 ? 1 : 0;
            below += k.probability(e) < 0.1 ? 1 : 0;
            total++;
          }
        }
      }
    }
    double[] uniform = new double[states];
    java.util.Arrays.fill(uniform, 1.0 / states);
    assertThat(ChiSquare.survival(ChiSquare.statistic(hits, uniform), states - 1))
        .isGreaterThan(1e-6);
    double pAbove = Math.pow(0.5, b - 1);
    double pBelow = 1 - Math.pow(0.9, b - 1);
    assertThat((double) above / total)
        .isCloseTo(pAbove, within(6 * Math.sqrt(pAbove * (1 - pAbove) / total)));
    assertThat((double) below / total)
        .isCloseTo(pBelow, within(6 * Math.sqrt(pBelow * (1 - pBelow) / total)));
  }
}
