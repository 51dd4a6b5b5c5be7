package org.fednpg.envs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;

class ChiSquareTest {

  /** For df = 2k, P(X > x) = e^{−x/2} Σ_{i<k} (x/2)^i / i! (closed form). */
  @Test
  void matchesTheClosedFormForEvenDegreesOfFreedom() {
    for (int k = 1; k <= 12; k++) {
      for (double x : new double[] {0.3, 1, 2.5, 7, 15, 30, 60}) {
        double sum = 0;
        double term = 1;
        for (int i = 0; i < k; i++) {
          sum += term;
          term *= (x / 2) / (i + 1);
        }
        double expected = Math.exp(-x / 2) * sum;
        assertThat(ChiSquare.survival(x, 2 * k))
            .as("df %d x %s", 2 * k, x)
            .isCloseTo(expected, within(Tolerances.EXACT));
      }
    }
  }

  /** For df = 1, X = Z² with Z standard normal; z = 1.959963984540054 is the 0.975 quantile. */
  @Test
  void oneDegreeOfFreedomMatchesTheNormalQuantile() {
    double z = 1.959963984540054;
    assertThat(ChiSquare.survival(z * z, 1)).isCloseTo(0.05, within(Tolerances.EXACT));
  }
}
