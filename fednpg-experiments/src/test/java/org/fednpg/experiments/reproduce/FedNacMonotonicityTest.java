package org.fednpg.experiments.reproduce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The FedNAC finding names every budget that does worse than a smaller one. */
class FedNacMonotonicityTest {

  @Test
  void reversalsAgainstTheBestSmallerBudgetAreNamedAndCalledUnexplainedWithoutOverlap() {
    // {budget, mean, min, max}: the numbers of the shipped run's table (1 000 samples beat both
    // 10 000 samples and exact FedNPG, whose budget is unlimited)
    List<double[]> b =
        List.of(
            new double[] {Double.POSITIVE_INFINITY, 9.5e-4, 9.0e-4, 1.0e-3},
            new double[] {100, 0.27, 0.2, 0.3},
            new double[] {1000, 1.9e-4, 1.0e-4, 3.0e-4},
            new double[] {10000, 1.2e-3, 1.1e-3, 1.4e-3});
    String text = FedNacExperiment.monotonicity(b, List.of("exact", "100", "1000", "10000"));
    assertThat(text)
        .contains(
            "**not monotone**",
            "10000 ends with a larger mean gap (0.0012) than 1000",
            "exact ends with a larger mean gap (9.50e-04) than 1000",
            "**unexplained**");
  }

  @Test
  void overlappingRangesAreWithinSeedSpreadAndAMonotoneSequenceIsSaidToBeOne() {
    List<double[]> overlap =
        List.of(new double[] {100, 0.10, 0.05, 0.20}, new double[] {1000, 0.12, 0.06, 0.15});
    assertThat(FedNacExperiment.monotonicity(overlap, List.of("100", "1000")))
        .contains("within the seed-to-seed spread")
        .doesNotContain("unexplained");
    List<double[]> falling =
        List.of(new double[] {100, 0.1, 0.1, 0.1}, new double[] {1000, 0.01, 0.01, 0.01});
    assertThat(FedNacExperiment.monotonicity(falling, List.of("100", "1000")))
        .isEqualTo("- The final gap decreases as the budget grows.\n");
  }
}
