package org.fednpg.experiments.reproduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;
import org.junit.jupiter.api.Test;

/** The discounted entropy H_γ(π)(ρ) against closed forms. */
class EntropyShareTest {

  @Test
  void uniformPolicyOnASelfLoopHasEntropyLogAOverOneMinusGamma() {
    int actions = 3;
    double gamma = 0.9;
    TransitionKernel.Builder k = TransitionKernel.builder(1, actions);
    for (int a = 0; a < actions; a++) {
      k.add(0, a, 0, 1.0);
    }
    MultiTaskMdp mdp =
        MultiTaskMdp.of(
            "loop",
            k.build(),
            gamma,
            null,
            List.of(RewardTable.of(1, actions, new double[actions])));
    double h = EntropyShare.discountedEntropy(mdp, LogPolicy.uniform(1, actions));
    // Σ_t γ^t log 3 = log 3 / (1 − γ)
    assertThat(h).isCloseTo(Math.log(3) / (1 - gamma), within(1e-9));
    // share = τ·H / V for an assumed V_τ* = 20: τ = 0.5 gives 0.5·10.986/20
    assertThat(EntropyShare.of(mdp, LogPolicy.uniform(1, actions), 0.5, 20))
        .isCloseTo(0.5 * Math.log(3) / (1 - gamma) / 20, within(1e-9));
  }

  @Test
  void twoStateChainAddsTheDiscountedEntropyOfTheAbsorbingState() {
    // state 0 moves to the absorbing state 1 under both actions; π(·|0) = (0.8, 0.2), π(·|1)
    // uniform over 2 actions; ρ = (1, 0). H(1) = log 2 / (1 − γ), H(0) = ℋ(0.8, 0.2) + γ H(1).
    double gamma = 0.5;
    TransitionKernel.Builder k = TransitionKernel.builder(2, 2);
    k.add(0, 0, 1, 1.0).add(0, 1, 1, 1.0).add(1, 0, 1, 1.0).add(1, 1, 1, 1.0);
    MultiTaskMdp mdp =
        MultiTaskMdp.of(
            "chain",
            k.build(),
            gamma,
            new double[] {1, 0},
            List.of(RewardTable.of(2, 2, new double[4])));
    LogPolicy pi = LogPolicy.fromLogits(2, 2, new double[] {Math.log(0.8), Math.log(0.2), 0, 0});
    double h0 = -(0.8 * Math.log(0.8) + 0.2 * Math.log(0.2));
    double expected = h0 + gamma * Math.log(2) / (1 - gamma);
    assertThat(EntropyShare.discountedEntropy(mdp, pi)).isCloseTo(expected, within(1e-10));
  }
}
