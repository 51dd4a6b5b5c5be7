package org.fednpg.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The 95% Student-t interval of {@code fednpg compare}, against cited and hand-computed values. */
class CompareStatisticsTest {

  /**
   * t_{0.975, df} as printed in the standard two-sided tables (e.g. NIST/SEMATECH e-Handbook of
   * Statistical Methods, Table 1.4.2.7.2), 3 decimals: the table the command used before.
   */
  private static final double[] TABLE = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306,
      2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080,
      2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};

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
