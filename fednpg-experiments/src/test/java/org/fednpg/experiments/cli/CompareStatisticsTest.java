package org.fednpg.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.fednpg.api.run.IterationMetrics;
import org.junit.jupiter.api.Test;

/**
 * The statistics of {@code fednpg compare} (95% Student-t interval, iterations until the gap stays
 * below the tolerance), against cited values and hand-made cases whose answers are read off.
 */
class CompareStatisticsTest {

  /** Rows at iterations 0, 10, 20, ... (a metrics schedule with metricsEvery 10). */
  private static List<IterationMetrics> gaps(double... gap) {
    List<IterationMetrics> rows = new ArrayList<>();
    for (int t = 0; t < gap.length; t++) {
      rows.add(new IterationMetrics(10L * t, 0, gap[t], 0, 0, 0, 0, 0, 0, 0, 0));
    }
    return rows;
  }

  @Test
  void gapStaysBelowIsTheStartOfTheFinalRunBelowTheTolerance() {
    // touches 1e-3 at t = 20, rises at t = 30, stays below from t = 50 on
    assertThat(
            CompareCommand.gapStaysBelowFrom(gaps(1, 0.1, 9e-4, 0.5, 0.01, 8e-4, 5e-4, 1e-4), 1e-3))
        .isEqualTo(50);
    // ends above: did not converge
    assertThat(CompareCommand.gapStaysBelowFrom(gaps(1, 9e-10, 0.2, 94), 1e-3)).isNaN();
    // the boundary counts; below from the start settles at 0; NaN counts as above
    assertThat(CompareCommand.gapStaysBelowFrom(gaps(1e-3, 1e-4, 1e-3), 1e-3)).isZero();
    assertThat(CompareCommand.gapStaysBelowFrom(gaps(1, Double.NaN, 1e-5), 1e-3)).isEqualTo(20);
  }

  /**
   * t_{0.975, df} as printed in the standard two-sided tables (e.g. NIST/SEMATECH e-Handbook of
   * Statistical Methods, Table 1.4.2.7.2), 3 decimals: the table the command used before.
   */
  private static final double[] TABLE = {
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
    2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
    2.052, 2.048, 2.045, 2.042
  };

  @Test
  void tQuantilesMatchThePrintedTable() {
    for (int df = 1; df <= TABLE.length; df++) {
      assertThat(CompareCommand.t975(df)).as("df %d", df).isCloseTo(TABLE[df - 1], within(5e-4));
    }
    // more digits: t_{0.975,4} = 2.776445105, t_{0.975,1} = tan(0.475 π) (Cauchy, closed form)
    assertThat(CompareCommand.t975(4)).isCloseTo(2.776445105, within(1e-9));
    assertThat(CompareCommand.t975(1)).isCloseTo(Math.tan(0.475 * Math.PI), within(1e-9));
    // large df tends to the normal quantile 1.959963985
    assertThat(CompareCommand.t975(100_000)).isCloseTo(1.959963985, within(1e-4));
  }

  /** x = 1..5: mean 3, s² = 2.5, so s/√n = √0.5 and the half-width is t_{0.975,4}·√0.5. */
  @Test
  void halfWidthOfAHandComputedSample() {
    double[] ci = CompareCommand.meanAndHalfWidth(new double[] {1, 2, 3, 4, 5});
    assertThat(ci[0]).isCloseTo(3, within(1e-12));
    assertThat(ci[1]).isCloseTo(2.776445105 * Math.sqrt(0.5), within(1e-9));
    double[] one = CompareCommand.meanAndHalfWidth(new double[] {7});
    assertThat(one[0]).isEqualTo(7);
    assertThat(one[1]).isNaN();
  }
}
