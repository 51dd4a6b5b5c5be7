package org.fednpg.experiments.reproduce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.fednpg.api.run.IterationMetrics;
import org.junit.jupiter.api.Test;

/** The convergence summaries of the report, on hand-made curves whose answers are read off. */
class RunsTest {

  private static List<IterationMetrics> gaps(double... gap) {
    List<IterationMetrics> rows = new ArrayList<>();
    for (int t = 0; t < gap.length; t++) {
      rows.add(new IterationMetrics(t, 0, gap[t], 0, 0, 0, 0, 0, 0, 0, 0));
    }
    return rows;
  }

  @Test
  void aCurveThatTouchesTheToleranceOnceAndRisesAgainHasNotSettled() {
    // touches 1e-3 at t = 2, rises to 0.5 at t = 3, falls for good from t = 5 on
    List<IterationMetrics> rows = gaps(1, 0.1, 9e-4, 0.5, 0.01, 8e-4, 5e-4, 1e-4);
    assertThat(Runs.iterationsTo(rows, IterationMetrics::optimalityGap, 1e-3)).isEqualTo(2);
    assertThat(Runs.staysBelow(rows, IterationMetrics::optimalityGap, 1e-3)).isEqualTo(5);
  }

  @Test
  void aCurveThatEndsAboveTheToleranceDidNotConverge() {
    List<IterationMetrics> rows = gaps(1, 9e-10, 0.2, 94);
    assertThat(Runs.iterationsTo(rows, IterationMetrics::optimalityGap, 1e-3)).isEqualTo(1);
    assertThat(Runs.staysBelow(rows, IterationMetrics::optimalityGap, 1e-3)).isEqualTo(-1);
  }

  @Test
  void aCurveBelowTheToleranceFromTheStartSettlesAtZeroAndTheBoundaryCounts() {
    assertThat(Runs.staysBelow(gaps(1e-3, 1e-4, 1e-3), IterationMetrics::optimalityGap, 1e-3))
        .isZero();
    assertThat(Runs.staysBelow(gaps(1, Double.NaN, 1e-5), IterationMetrics::optimalityGap, 1e-3))
        .isEqualTo(2);
  }
}
