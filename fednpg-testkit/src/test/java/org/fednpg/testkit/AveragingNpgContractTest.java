package org.fednpg.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A plugin algorithm defined only in test sources passes the algorithm contract through the
 * harness, and its snapshot/restore (all from {@link org.fednpg.core.algorithms.LogPolicyAgent})
 * continues bit for bit.
 */
class AveragingNpgContractTest extends AlgorithmContract {

  @Override
  protected Harness.Component algorithm() {
    return Harness.Component.of("averaging-npg", "eta", 0.5);
  }

  /**
   * With τ = 0 and the naive update, the gap still shrinks on a Garnet over 30 iterations (not a
   * rate claim; checked against the oracle's optimum through the harness's metrics).
   */
  @Test
  void theGapShrinksOverAShortRun() {
    Harness.Result r = harness.run(spec().iterations(30));
    assertThat(r.last().optimalityGap()).isLessThan(r.rows().get(0).optimalityGap());
  }
}
