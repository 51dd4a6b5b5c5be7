package org.fednpg.core.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.fednpg.api.InvalidInputException;
import org.fednpg.api.model.MixingMatrix;
import org.fednpg.api.run.Aggregation;
import org.junit.jupiter.api.Test;

/** Every rule on small tables whose results are computed by hand in the comments. */
class RobustAggregationTest {

  private static double[][] aggregate(Aggregation rule, MixingMatrix w, double[][] in) {
    double[][] out = new double[in.length][in[0].length];
    rule.aggregate(w, in, out, 0, in.length);
    return out;
  }

  @Test
  void trimmedMeanWithZeroTrimIsTheMeanBitForBit() {
    MixingMatrix w =
        MixingMatrix.of(new double[][] {{0.5, 0.3, 0.2}, {0.3, 0.4, 0.3}, {0.2, 0.3, 0.5}});
    double[][] in = {{0.1, -7.3}, {1.0 / 3, 2.9}, {Math.PI, 1e-9}};
    double[][] mean = aggregate(Aggregation.MEAN, w, in);
    double[][] trim0 = aggregate(RobustAggregation.of("t", "trimmed-mean", 0, 1), w, in);
    for (int n = 0; n < 3; n++) {
      for (int i = 0; i < 2; i++) {
        assertThat(Double.doubleToRawLongBits(trim0[n][i]))
            .isEqualTo(Double.doubleToRawLongBits(mean[n][i]));
      }
    }
    // Σ_m W_0m x_m by hand: 0.5·0.1 + 0.3/3 + 0.2π.
    assertThat(mean[0][0])
        .isCloseTo(0.05 + 0.1 + 0.2 * Math.PI, org.assertj.core.data.Offset.offset(1e-15));
  }

  @Test
  void medianOfThreeValuesIsTheMiddleOne() {
    MixingMatrix w = MixingMatrix.averaging(3);
    double[][] in = {{1, 5, -1}, {3, -2, -1}, {2, 0, 7}};
    double[][] out = aggregate(RobustAggregation.of("t", "median", 0, 1), w, in);
    for (double[] row : out) {
      // Per entry: median(1,3,2) = 2, median(5,−2,0) = 0, median(−1,−1,7) = −1.
      assertThat(row).containsExactly(2, 0, -1);
    }
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
    MixingMatrix w = MixingMatrix.averaging(4);
    double[][] in = {{4}, {1}, {10}, {2}};
    // Sorted 1, 2, 4, 10: (2 + 4) / 2 = 3.
    assertThat(aggregate(RobustAggregation.of("t", "median", 0, 1), w, in)[0]).containsExactly(3);
  }

  @Test
  void trimmedMeanDropsTheExtremesAndRenormalisesTheKeptWeights() {
    // Agent 0 combines all five with weights 0.1, 0.2, 0.3, 0.2, 0.2; b = 1.
    double[] row = {0.1, 0.2, 0.3, 0.2, 0.2};
    double[][] rows = new double[5][];
    for (int n = 0; n < 5; n++) {
      rows[n] = row.clone();
    }
    // W must be a valid matrix; rows equal is fine for mixing (rows sum to 1).
    MixingMatrix w = MixingMatrix.of(rows);
    double[][] in = {{100}, {1}, {2}, {-50}, {4}};
    // Sorted values −50 (agent 3), 1 (1), 2 (2), 4 (4), 100 (0): drop −50 and 100, keep agents
    // 1, 2, 4 with weights 0.2, 0.3, 0.2: (0.2·1 + 0.3·2 + 0.2·4) / 0.7 = 1.6 / 0.7.
    double got = aggregate(RobustAggregation.of("t", "trimmed-mean", 1, 1), w, in)[0][0];
    assertThat(got).isCloseTo(1.6 / 0.7, org.assertj.core.data.Offset.offset(1e-14));
  }

  @Test
  void clippedShortensOnlyTheLongDifferences() {
    MixingMatrix w = MixingMatrix.averaging(3);
    // Agent 0 owns (0, 0); agent 1 differs by (3, 4) (norm 5, clipped to radius 1: (0.6, 0.8));
    // agent 2 differs by (0.3, 0.4) (norm 0.5, kept). Result: (0, 0) + (0.6 + 0.3, 0.8 + 0.4)/3.
    double[][] in = {{0, 0}, {3, 4}, {0.3, 0.4}};
    double[] got = aggregate(RobustAggregation.of("t", "clipped", 0, 1.0), w, in)[0];
    assertThat(got[0]).isCloseTo(0.9 / 3, org.assertj.core.data.Offset.offset(1e-15));
    assertThat(got[1]).isCloseTo(1.2 / 3, org.assertj.core.data.Offset.offset(1e-15));
  }

  @Test
  void clippedWithAHugeRadiusIsTheMeanUpToRounding() {
    MixingMatrix w = MixingMatrix.averaging(3);
    double[][] in = {{1, 2}, {3, -4}, {0.5, 8}};
    double[][] mean = aggregate(Aggregation.MEAN, w, in);
    double[][] clipped = aggregate(RobustAggregation.of("t", "clipped", 0, 1e9), w, in);
    for (int n = 0; n < 3; n++) {
      assertThat(clipped[n][0]).isCloseTo(mean[n][0], org.assertj.core.data.Offset.offset(1e-14));
      assertThat(clipped[n][1]).isCloseTo(mean[n][1], org.assertj.core.data.Offset.offset(1e-14));
    }
  }

  @Test
  void trimmedMeanNeedsDegreeTwoBPlusOne() {
    // A ring of 5 with one neighbour per side: degree 2 < 2b + 1 = 3 for b = 1 (refused), while
    // the complete graph on 4 agents has degree 3 (accepted).
    double[][] ring = new double[5][5];
    for (int n = 0; n < 5; n++) {
      ring[n][n] = 1.0 / 3;
      ring[n][(n + 1) % 5] = 1.0 / 3;
      ring[n][(n + 4) % 5] = 1.0 / 3;
    }
    Aggregation rule = RobustAggregation.of("algorithm 'fednpg'", "trimmed-mean", 1, 1);
    assertThatThrownBy(
            () -> RobustAggregation.checkDegree("algorithm 'fednpg'", rule, MixingMatrix.of(ring)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("agent 0 has degree 2")
        .hasMessageContaining("at least 3");
    RobustAggregation.checkDegree("algorithm 'fednpg'", rule, MixingMatrix.averaging(4));
  }

  @Test
  void trimmedMeanRefusesAnAgentWithTooFewNeighboursNamingItsDegree() {
    // A path 0 − 1 − 2: agent 0 has degree 1; b = 1 needs 3.
    MixingMatrix w =
        MixingMatrix.of(new double[][] {{0.5, 0.5, 0}, {0.25, 0.5, 0.25}, {0, 0.5, 0.5}});
    Aggregation rule = RobustAggregation.of("algorithm 'fednpg'", "trimmed-mean", 1, 1);
    assertThatThrownBy(() -> RobustAggregation.checkDegree("algorithm 'fednpg'", rule, w))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("agent 0 has degree 1")
        .hasMessageContaining("at least 3");
  }

  @Test
  void unknownRulesAndBadParametersAreRefused() {
    assertThatThrownBy(() -> RobustAggregation.of("a", "krum", 0, 1))
        .hasMessageContaining("'aggregation' must be one of")
        .hasMessageContaining("krum");
    assertThatThrownBy(() -> RobustAggregation.of("a", "trimmed-mean", -1, 1))
        .hasMessageContaining("'trim' must be >= 0");
    assertThatThrownBy(() -> RobustAggregation.of("a", "clipped", 0, 0))
        .hasMessageContaining("'clip' must be");
  }
}
