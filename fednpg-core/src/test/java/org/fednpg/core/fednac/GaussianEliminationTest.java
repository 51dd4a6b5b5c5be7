package org.fednpg.core.fednac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;

class GaussianEliminationTest {

  /** x = (1, −2, 3) substituted by hand: b = A·x; A's first pivot is 0, so rows must swap. */
  @Test
  void solvesANonsingularSystemNeedingPivoting() {
    double[][] a = {
      {0, 2, 1, 0 * 1 + 2 * -2 + 1 * 3},
      {1, 1, 1, 1 - 2 + 3},
      {2, 0, -1, 2 * 1 - 3}
    };
    double[] x = GaussianElimination.solve(a);
    assertThat(x[0]).isCloseTo(1, within(Tolerances.EXACT));
    assertThat(x[1]).isCloseTo(-2, within(Tolerances.EXACT));
    assertThat(x[2]).isCloseTo(3, within(Tolerances.EXACT));
  }

  /** Row 3 = row 1 + row 2, so no solution is unique: refused, not NaN. */
  @Test
  void refusesASingularSystemLoudly() {
    double[][] a = {{1, 2, 3, 1}, {0, 1, 1, 2}, {1, 3, 4, 3}};
    assertThatThrownBy(() -> GaussianElimination.solve(a))
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("singular")
        .hasMessageContaining("column 2");
    assertThatThrownBy(() -> GaussianElimination.solve(new double[][] {{0, 1}}))
        .isInstanceOf(ArithmeticException.class)
        .hasMessageContaining("column 0");
  }
}
