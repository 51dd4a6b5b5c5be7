package org.fednpg.core.fednac;

import java.util.random.RandomGenerator;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.RewardTable;

/**
 * One agent's critic: weights w with φᵀw ≈ Q_τ^π for the agent's own reward and policy. Must be
 * safe to call concurrently for different agents (implementations keep no mutable state; random
 * streams are keyed by agent and iteration).
 */
interface LinearCritic {

  /**
   * @param weights the fitted w (length d, owned by the caller)
   * @param samples simulated transitions consumed
   */
  record Fit(double[] weights, long samples) {}

  /**
   * Fits the critic.
   *
   * @param agent agent index (keys the random stream)
   * @param iteration the iteration t whose policy this is (keys the random stream)
   * @param reward the agent's private reward
   * @param policy the agent's current policy π_θ
   * @param previous the previous critic (warm start or ridge centre); not modified
   */
  Fit fit(int agent, long iteration, RewardTable reward, LogPolicy policy, double[] previous);

  /** Draws a ~ π(·|s) by inversion of the cumulative probabilities. */
  static int sampleAction(double[] probs, int s, int actions, RandomGenerator rng) {
    double u = rng.nextDouble();
    int base = s * actions;
    double c = 0;
    for (int a = 0; a < actions - 1; a++) {
      c += probs[base + a];
      if (u < c) {
        return a;
      }
    }
    return actions - 1;
  }

  /** π(a|s) for every sa. */
  static double[] probabilities(LogPolicy policy) {
    double[] p = policy.toArray();
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(p[i]);
    }
    return p;
  }
}
