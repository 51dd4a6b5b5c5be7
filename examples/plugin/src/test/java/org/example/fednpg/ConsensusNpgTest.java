package org.example.fednpg;

import static org.assertj.core.api.Assertions.assertThat;

import org.fednpg.testkit.AlgorithmContract;
import org.fednpg.testkit.Harness;
import org.junit.jupiter.api.Test;

/** {@code consensus-npg} passes the algorithm contract, run on the plugin's chain and evaluator. */
class ConsensusNpgTest extends AlgorithmContract {

  @Override
  protected Harness.Component algorithm() {
    return Harness.Component.of("consensus-npg", "eta", 1.0);
  }

  @Override
  protected Harness.Spec spec() {
    return super.spec()
        .environment("chain", "states", 6, "agents", 4)
        .evaluator("iterative", "sweeps", 300);
  }

  /** The optimality gap (against the oracle's V*) shrinks over 40 iterations. */
  @Test
  void theGapShrinks() {
    Harness.Result r = harness.run(spec().iterations(40));
    assertThat(r.last().optimalityGap()).isLessThan(r.rows().get(0).optimalityGap());
  }
}
