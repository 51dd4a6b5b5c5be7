package org.fednpg.envs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GridWorldProviderTest {

  protected EnvironmentProvider provider() {
    return new GridWorldProvider();
  }

  protected Map<String, Object> smallParameters() {
    return Map.of("size", 4, "agents", 2);
  }

  protected Map<String, Object> multiAgentParameters() {
    return Map.of("size", 5, "agents", 3);
  }

  private GridWorld grid(Map<String, Object> raw, long seed) {
    return (GridWorld) TestSupport.create(provider(), raw, seed);
  }

  /** V*(start) = (1/N) Σ_{k=0}^{2K−3} γ^k (SPEC §6), checked by value iteration on r̄. */
  @ParameterizedTest
  @CsvSource({"2, 1", "2, 3", "3, 2", "5, 4", "5, 10", "6, 7", "8, 20", "10, 10"})
  void optimalValueAtStartIsTheClosedForm(int size, int agents) {
    double gamma = 0.95;
    MultiTaskMdp mdp =
        grid(Map.of("size", size, "agents", agents, "gamma", gamma), 11L * size + agents).mdp();
    double[] v = TestSupport.valueIteration(mdp, mdp.averagedReward());
    double expected = 0;
    for (int k = 0; k <= 2 * size - 3; k++) {
      expected += Math.pow(gamma, k);
    }
    expected /= agents;
    assertThat(v[0]).isCloseTo(expected, within(Tolerances.EXACT));
    assertThat(TestSupport.atInitial(mdp, v)).isCloseTo(expected, within(Tolerances.EXACT));
  }

  @ParameterizedTest
  @CsvSource({"4, 1", "4, 6", "4, 7", "6, 4", "3, 9"})
  void segmentsPartitionTheEnteredPathCellsContiguouslyAndAsEqualAsPossible(int size, int agents) {
    GridWorld.Layout layout = grid(Map.of("size", size, "agents", agents), 5).layout();
    int moves = 2 * size - 2;
    assertThat(layout.cells())
        .hasSize(moves)
        .doesNotContain(0)
        .endsWith(size * size - 1)
        .doesNotHaveDuplicates();
    List<Integer> concatenated = new ArrayList<>();
    for (int n = 0; n < agents; n++) {
      List<Integer> seg = layout.segmentCells(n);
      int expectedLength = moves / agents + (n < moves % agents ? 1 : 0);
      assertThat(seg).as("segment " + n).hasSize(expectedLength);
      concatenated.addAll(seg);
    }
    assertThat(concatenated).isEqualTo(layout.cells());
    // Agent n is rewarded exactly for the moves into its own segment's cells.
    MultiTaskMdp mdp = grid(Map.of("size", size, "agents", agents), 5).mdp();
    for (int n = 0; n < agents; n++) {
      Set<Integer> rewardedTargets = new HashSet<>();
      for (int s = 0; s < mdp.states(); s++) {
        for (int a = 0; a < 2; a++) {
          int target = mdp.kernel().next(mdp.kernel().rowStart(s, a));
          if (mdp.reward(n).get(s, a) != 0) {
            assertThat(mdp.reward(n).get(s, a)).isEqualTo(1.0);
            assertThat(target).isNotEqualTo(s);
            rewardedTargets.add(target);
          }
        }
      }
      assertThat(rewardedTargets).containsExactlyInAnyOrderElementsOf(layout.segmentCells(n));
    }
  }

  @Test
  void explicitPathIsHonoured() {
    GridWorld g = grid(Map.of("size", 3, "agents", 2, "path", "DRRD"), 1);
    // D (1,0)=3, R (1,1)=4, R (1,2)=5, D (2,2)=8; segments of 2 cells each.
    assertThat(g.layout().cells()).containsExactly(3, 4, 5, 8);
    assertThat(g.layout().segments()).containsExactly(0, 0, 1, 1);
    assertThat(g.layout().path()).isEqualTo("DRRD");
    assertThat(g.mdp().reward(0).get(0, GridWorld.DOWN)).isEqualTo(1.0);
    assertThat(g.mdp().reward(0).get(0, GridWorld.RIGHT)).isEqualTo(0.0);
    assertThat(g.mdp().reward(1).get(4, GridWorld.RIGHT)).isEqualTo(1.0);
    assertThat(g.manifestInfo()).containsEntry("path", "DRRD").containsEntry("size", 3);
    assertThat(g.describe()).contains("DRRD").contains("S").contains("G");
    // The explicit path does not depend on the seed.
    assertThat(grid(Map.of("size", 3, "agents", 2, "path", "DRRD"), 99).mdp()).isEqualTo(g.mdp());
  }

  @Test
  void drawnPathsAreMonotoneAndDependOnlyOnTheSeed() {
    Set<String> seen = new HashSet<>();
    for (long seed = 0; seed < 40; seed++) {
      String path = grid(Map.of("size", 6, "agents", 3), seed).layout().path();
      assertThat(path).hasSize(10).matches("[RD]+");
      assertThat(path.chars().filter(c -> c == 'D').count()).isEqualTo(5);
      assertThat(grid(Map.of("size", 6, "agents", 3), seed).layout().path()).isEqualTo(path);
      // The path depends on the seed, not on the number of agents.
      assertThat(grid(Map.of("size", 6, "agents", 7), seed).layout().path()).isEqualTo(path);
      seen.add(path);
    }
    // 252 paths; 40 uniform draws are all equal with probability 252^-39 (never, in practice).
    assertThat(seen.size()).isGreaterThan(1);
  }

  @Test
  void drawnPathsAreUniform() {
    // K = 3 has C(4, 2) = 6 paths. 6000 seeds; chi-square with 5 degrees of freedom; a correct
    // sampler gives a p-value below 1e-5 with probability 1e-5.
    Map<String, Integer> counts = new java.util.TreeMap<>();
    int draws = 6000;
    for (long seed = 0; seed < draws; seed++) {
      String p = GridWorld.randomPath(3, org.fednpg.api.RandomSource.of(seed).random());
      counts.merge(p, 1, Integer::sum);
    }
    assertThat(counts).hasSize(6);
    long[] observed = counts.values().stream().mapToLong(Integer::longValue).toArray();
    double[] uniform = new double[6];
    java.util.Arrays.fill(uniform, 1.0 / 6);
    assertThat(ChiSquare.survival(ChiSquare.statistic(observed, uniform), 5)).isGreaterThan(1e-5);
  }

  @Test
  void largestPaperInstanceBuilds() {
    // its build time is measured by fednpg-bench's EnvironmentBenchmark, never asserted here
    GridWorld g = grid(Map.of("size", 70, "agents", 50), 1);
    assertThat(g.mdp().states()).isEqualTo(4900);
    assertThat(g.mdp().agents()).isEqualTo(50);
    assertThat(g.layout().cells()).hasSize(2 * 70 - 2);
  }

  @Test
  void badParametersNameTheParameter() {
    assertThatThrownBy(() -> grid(Map.of("size", 1), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'size'");
    assertThatThrownBy(() -> grid(Map.of("agents", 0), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'agents'");
    assertThatThrownBy(() -> grid(Map.of("size", 3, "path", "RRDX"), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'path'")
        .hasMessageContaining("'X'");
    assertThatThrownBy(() -> grid(Map.of("size", 3, "path", "RRD"), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'path'")
        .hasMessageContaining("4");
    assertThatThrownBy(() -> grid(Map.of("size", 3, "path", "RRRD"), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'path'");
    assertThatThrownBy(() -> grid(Map.of("gamma", 1.0), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'gamma'");
  }

  /**
   * Node-local rewards (issue 19): one agent's reward built alone, before the whole model exists,
   * equals that agent's table of the whole model; other agents' rewards are not held.
   */
  @Test
  void oneAgentsRewardBuiltAloneEqualsTheWholeModels() {
    Map<String, Object> raw = Map.of("size", 6L, "agents", 4L);
    MultiTaskMdp whole = grid(raw, 5).mdp();
    for (int n = 0; n < 4; n++) {
      MultiTaskMdp alone = grid(raw, 5).mdpFor(Set.of(n));
      assertThat(alone.reward(n)).isEqualTo(whole.reward(n));
      assertThat(alone.kernel()).isEqualTo(whole.kernel());
      assertThat(alone.initialCopy()).isEqualTo(whole.initialCopy());
      assertThat(alone.holdsReward((n + 1) % 4)).isFalse();
    }
  }
}
