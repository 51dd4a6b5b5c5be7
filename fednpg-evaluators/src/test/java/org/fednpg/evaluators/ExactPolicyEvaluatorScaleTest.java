package org.fednpg.evaluators;

import static org.assertj.core.api.Assertions.assertThat;

import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.TransitionKernel;
import org.fednpg.testing.RandomMdps;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;

/**
 * {@code exact} at the sizes the experiments use, where a dense solve is too slow for a unit test:
 * the reference is iterative policy evaluation V ← b + γP_πV run until the sup-norm step is below
 * 1e-14, whose error is then at most γ/(1−γ) · 1e-14 ≤ 1e-12 for γ = 0.99.
 */
class ExactPolicyEvaluatorScaleTest {

  static double[] iterativeValues(MultiTaskMdp mdp, LogPolicy policy, double tau) {
    TransitionKernel k = mdp.kernel();
    double[] b = EvaluatorFixtures.softReward(mdp.reward(0), policy, tau);
    int n = mdp.states();
    double[] v = new double[n];
    double[] next = new double[n];
    double gamma = mdp.gamma();
    for (int iter = 0; iter < 100_000; iter++) {
      double delta = 0;
      for (int s = 0; s < n; s++) {
        double acc = 0;
        for (int a = 0; a < mdp.actions(); a++) {
          double pi = policy.probability(s, a);
          for (int e = k.rowStart(s, a); e < k.rowEnd(s, a); e++) {
            acc += pi * k.probability(e) * v[k.next(e)];
          }
        }
        next[s] = b[s] + gamma * acc;
        delta = Math.max(delta, Math.abs(next[s] - v[s]));
      }
      double[] t = v;
      v = next;
      next = t;
      if (delta < 1e-14) {
        break;
      }
    }
    return v;
  }

  static void check(MultiTaskMdp mdp, LogPolicy policy, double tau) {
    PolicyEvaluation e = ExactPolicyEvaluator.evaluate(mdp, mdp.reward(0), policy, tau);
    double[] reference = iterativeValues(mdp, policy, tau);
    double scale = 1;
    for (double x : reference) {
      scale = Math.max(scale, Math.abs(x));
    }
    assertThat(EvaluatorFixtures.maxDiff(e.values(), reference) / scale)
        .isLessThanOrEqualTo(Tolerances.EXACT);
    assertThat(e.residual()).isLessThanOrEqualTo(Tolerances.RESIDUAL);
  }

  @Test
  void paperSizedGridworld() {
    MultiTaskMdp mdp = ExactPolicyEvaluatorTest.gridworld(70, 0.99, 9);
    assertThat(new BellmanSolver(mdp.kernel()).largestComponent()).isEqualTo(1);
    check(mdp, EvaluatorFixtures.randomPolicy(1, mdp.states(), 2, 2.0), 0.05);
  }

  @Test
  void largeRandomMdpWithOneGiantComponent() {
    MultiTaskMdp mdp = RandomMdps.create(4, 2000, 2, 10, 1, 0.99);
    assertThat(new BellmanSolver(mdp.kernel()).largestComponent()).isEqualTo(2000);
    check(mdp, EvaluatorFixtures.randomPolicy(2, mdp.states(), 2, 1.0), 0.0);
    check(mdp, EvaluatorFixtures.randomPolicy(3, mdp.states(), 2, 1.0), 1.0);
  }
}
