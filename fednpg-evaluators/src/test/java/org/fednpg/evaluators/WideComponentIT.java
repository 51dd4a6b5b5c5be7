package org.fednpg.evaluators;

import static org.assertj.core.api.Assertions.assertThat;

import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.testing.RandomMdps;
import org.junit.jupiter.api.Test;

/**
 * A component of more than 65 536 states: its BiCGSTAB products use the int column indices instead
 * of the block-local 16-bit ones ({@link SparseBlockFactor}), checked against iterative policy
 * evaluation as in {@link ExactPolicyEvaluatorScaleTest}. About 40 s, so a slow test.
 */
class WideComponentIT {

  @Test
  void componentBeyondSixteenBitColumns() {
    MultiTaskMdp mdp = RandomMdps.create(5, 70_000, 2, 3, 1, 0.5);
    assertThat(new BellmanSolver(mdp.kernel()).largestComponent()).isGreaterThan(1 << 16);
    ExactPolicyEvaluatorScaleTest.check(
        mdp, EvaluatorFixtures.randomPolicy(6, mdp.states(), 2, 1.0), 0.05);
  }
}
