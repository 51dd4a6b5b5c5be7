package org.fednpg.envs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.RandomSource;
import org.fednpg.api.model.RewardTable;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;

class RewardSplitTest {

  private static final RewardTable BASE = RewardTable.of(3, 2, new double[] {0, 1, -2, 0, 0.5, 3});
  private static final RandomSource SEED = RandomSource.of(12);

  private static void averageIsBase(List<RewardTable> tables) {
    RewardTable avg = RewardTable.average(tables);
    for (int i = 0; i < 6; i++) {
      assertThat(avg.get(i)).isCloseTo(BASE.get(i), within(Tolerances.EXACT));
    }
  }

  @Test
  void identicalGivesEveryAgentTheReward() {
    List<RewardTable> t = RewardSplit.IDENTICAL.split(BASE, 3, 0, SEED);
    assertThat(t).hasSize(3).containsOnly(BASE);
  }

  @Test
  void partitionDealsEachRewardedPairToOneAgentScaledByN() {
    int n = 3;
    List<RewardTable> t = RewardSplit.PARTITION.split(BASE, n, 0, SEED);
    averageIsBase(t);
    int[] perAgent = new int[n];
    for (int sa = 0; sa < 6; sa++) {
      int owners = 0;
      for (int a = 0; a < n; a++) {
        if (t.get(a).get(sa) != 0) {
          owners++;
          perAgent[a]++;
          assertThat(t.get(a).get(sa)).isEqualTo(n * BASE.get(sa));
        }
      }
      assertThat(owners).isEqualTo(BASE.get(sa) != 0 ? 1 : 0);
    }
    // 4 rewarded pairs over 3 agents, dealt round-robin: counts 2, 1, 1.
    assertThat(perAgent).containsExactly(2, 1, 1);
    assertThat(RewardSplit.PARTITION.split(BASE, n, 0, SEED)).isEqualTo(t);
  }

  @Test
  void perturbIsCentredAndBounded() {
    double eps = 0.3;
    List<RewardTable> t = RewardSplit.PERTURB.split(BASE, 5, eps, SEED);
    averageIsBase(t);
    for (RewardTable r : t) {
      assertThat(r).isNotEqualTo(BASE);
      for (int i = 0; i < 6; i++) {
        assertThat(Math.abs(r.get(i) - BASE.get(i))).isLessThanOrEqualTo(2 * eps);
      }
    }
    assertThat(RewardSplit.PERTURB.split(BASE, 1, eps, SEED)).containsExactly(BASE);
    assertThat(RewardSplit.PERTURB.split(BASE, 5, eps, RandomSource.of(13))).isNotEqualTo(t);
  }

  @Test
  void namesAndErrors() {
    for (RewardSplit r : RewardSplit.values()) {
      assertThat(RewardSplit.byName(r.label())).isEqualTo(r);
    }
    assertThatThrownBy(() -> RewardSplit.byName("shuffle"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("shuffle");
    assertThatThrownBy(() -> RewardSplit.PERTURB.split(BASE, 2, -1, SEED))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("noise");
  }
}
