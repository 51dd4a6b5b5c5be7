package org.fednpg.core.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;
import org.fednpg.core.DenseEvaluator;
import org.fednpg.testing.RandomMdps;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;

class ValueIterationTest {

  @Test
  void absorbingStateClosedForms() {
    // One state, two actions with rewards 1 and 0, self-loops: V* = 1/(1−γ);
    // soft: V_τ* = τ log(e^{1/τ} + 1)/(1−γ).
    TransitionKernel k = TransitionKernel.builder(1, 2).add(0, 0, 0, 1).add(0, 1, 0, 1).build();
    double gamma = 0.9;
    MultiTaskMdp mdp =
        MultiTaskMdp.of("loop", k, gamma, null, List.of(RewardTable.of(1, 2, new double[] {1, 0})));
    assertThat(ValueIteration.solve(mdp, 0).initialValue())
        .isCloseTo(1 / (1 - gamma), within(Tolerances.EXACT));
    double tau = 0.5;
    assertThat(ValueIteration.solve(mdp, tau).initialValue())
        .isCloseTo(tau * Math.log(Math.exp(1 / tau) + 1) / (1 - gamma), within(Tolerances.EXACT));
  }

  @Test
  void optimalPolicyValueMatchesOracleByDenseSolve() {
    MultiTaskMdp mdp = RandomMdps.create(3, 15, 4, 3, 3, 0.95);
    for (double tau : new double[] {0.0, 0.1}) {
      OptimalSolution opt = ValueIteration.solve(mdp, tau);
      double[] q = DenseEvaluator.q(mdp, mdp.averagedReward(), opt.policy(), tau);
      for (int i = 0; i < q.length; i++) {
        assertThat(q[i]).isCloseTo(opt.q()[i], within(1e-9));
      }
    }
  }
}
