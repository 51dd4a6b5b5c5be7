package org.fednpg.core.fednac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@link FedNacPaperGridWorldTest} on 20 seeds (slow profile): every seed reaches 90% of V* within
 * the stated sample budget. Measured when written: every seed ended between 0.9989 and 0.9999 of
 * V*, with 4.55–4.57 million transitions per agent (about 6 s for all 20).
 */
class FedNacPaperGridWorldIT {

  @Test
  void everyOfTwentySeedsReachesNinetyPercentOfOptimum() {
    List<Double> fractions = new ArrayList<>();
    for (long seed = 1; seed <= 20; seed++) {
      fractions.add(FedNacPaperGridWorldTest.fractionReached(seed));
    }
    LoggerFactory.getLogger(FedNacPaperGridWorldIT.class).info("V/V* over 20 seeds: {}", fractions);
    assertThat(fractions)
        .allSatisfy(
            f ->
                assertThat(f).isGreaterThanOrEqualTo(FedNacPaperGridWorldTest.FRACTION_OF_OPTIMUM));
  }
}
