package org.fednpg.experiments.reproduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SpectralExperiment#spearman} against hand-ranked examples. */
class SpearmanTest {

  /** No ties: ranks of y are 2,1,4,3,5, Σd² = 4, so ρ = 1 − 6·4/(5·24) = 0.8. */
  @Test
  void withoutTiesMatchesTheClassicalFormula() {
    assertThat(
            SpectralExperiment.spearman(
                List.of(10.0, 20.0, 30.0, 40.0, 50.0), List.of(2.0, 1.0, 4.0, 3.0, 5.0)))
        .isCloseTo(0.8, within(1e-12));
    assertThat(SpectralExperiment.spearman(List.of(1.0, 2.0, 3.0), List.of(9.0, 4.0, 1.0)))
        .isCloseTo(-1, within(1e-12));
  }

  /**
   * Ties take average ranks: x = (1, 2, 2, 3) ranks (1, 2.5, 2.5, 4), y = (10, 20, 30, 30) ranks
   * (1, 2, 3.5, 3.5); Pearson on the ranks: deviations (−1.5, 0, 0, 1.5) and (−1.5, −0.5, 1, 1), Σ
   * products 3.75, both sums of squares 4.5, so ρ = 3.75 / 4.5 = 5/6.
   */
  @Test
  void tiesTakeAverageRanks() {
    assertThat(
            SpectralExperiment.spearman(
                List.of(1.0, 2.0, 2.0, 3.0), List.of(10.0, 20.0, 30.0, 30.0)))
        .isCloseTo(5.0 / 6, within(1e-12));
  }

  @Test
  void undefinedCasesAreNaN() {
    assertThat(SpectralExperiment.spearman(List.of(1.0, 2.0), List.of(3.0, 3.0))).isNaN();
    assertThat(SpectralExperiment.spearman(List.of(1.0), List.of(3.0))).isNaN();
    assertThat(SpectralExperiment.spearman(List.of(1.0, Double.NaN), List.of(3.0, 4.0))).isNaN();
  }
}
