package org.fednpg.experiments.reproduce;

import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.TransitionKernel;

/**
 * The entropy share of V_τ*(ρ): the part of the regularised optimum that is entropy bonus rather
 * than reward, τ·H_γ(π_τ*)(ρ) / |V_τ*(ρ)| (the absolute value, our choice, keeps the share positive
 * for environments with negative rewards such as CliffWalking), where H_γ(π)(s) = E[Σ_t γ^t
 * ℋ(π(·|s_t)) | s_0 = s] is the discounted entropy of π (so V_τ^π = V^π + τ·H_γ(π)). A large share
 * means the regularised problem is far from the unregularised one.
 */
final class EntropyShare {

  /** Sup-norm change at which the discounted-entropy iteration stops. */
  static final double STOP = 1e-12;

  private EntropyShare() {}

  /**
   * @param mdp the model (its kernel, γ and ρ)
   * @param policy π_τ* (any policy)
   * @param tau τ &gt; 0
   * @param optimalValue V_τ*(ρ)
   */
  static double of(MultiTaskMdp mdp, LogPolicy policy, double tau, double optimalValue) {
    return tau * discountedEntropy(mdp, policy) / Math.abs(optimalValue);
  }

  /** H_γ(π)(ρ) by fixed-point iteration H ← ℋ + γ P_π H (a γ-contraction). */
  static double discountedEntropy(MultiTaskMdp mdp, LogPolicy policy) {
    int states = mdp.states();
    int actions = mdp.actions();
    TransitionKernel p = mdp.kernel();
    double gamma = mdp.gamma();
    double[] local = new double[states];
    for (int s = 0; s < states; s++) {
      for (int a = 0; a < actions; a++) {
        double pr = policy.probability(s, a);
        if (pr > 0) {
          local[s] -= pr * policy.logProbability(s, a);
        }
      }
    }
    double[] h = local.clone();
    double[] next = new double[states];
    for (int sweep = 0; sweep < 1_000_000; sweep++) {
      double change = 0;
      for (int s = 0; s < states; s++) {
        double v = 0;
        for (int a = 0; a < actions; a++) {
          double pr = policy.probability(s, a);
          if (pr == 0) {
            continue;
          }
          double e = 0;
          for (int k = p.rowStart(s, a); k < p.rowEnd(s, a); k++) {
            e += p.probability(k) * h[p.next(k)];
          }
          v += pr * e;
        }
        next[s] = local[s] + gamma * v;
        change = Math.max(change, Math.abs(next[s] - h[s]));
      }
      double[] t = h;
      h = next;
      next = t;
      double scale = 1;
      for (double x : h) {
        scale = Math.max(scale, Math.abs(x));
      }
      if (change <= STOP * (1 - gamma) * scale) { // then ‖h − H_γ‖∞ ≤ γ·STOP·scale
        break;
      }
    }
    double atRho = 0;
    for (int s = 0; s < states; s++) {
      atRho += mdp.initial(s) * h[s];
    }
    return atRho;
  }
}
