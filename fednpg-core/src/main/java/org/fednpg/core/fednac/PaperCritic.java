package org.fednpg.core.fednac;

import java.util.SplittableRandom;
import org.fednpg.api.RandomSource;
import org.fednpg.api.model.GenerativeModel;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.RewardTable;

/**
 * The paper's critic (PAPER.md §3, Algorithms 4 and 5), used by {@code fednac} with {@code variant:
 * paper}. Each call starts afresh from w̃₀ = 0 and runs K plain SGD steps
 *
 * <pre>w̃_{k+1} = w̃_k − β · 2(w̃_kᵀφ(s_k,a_k) − Q̂(s_k,a_k)) φ(s_k,a_k),</pre>
 *
 * one sample (s_k, a_k, Q̂) from {@link #draw Algorithm 5} per step, and returns the average (1/K)
 * Σ_{k=1..K} w̃_k (no projection). The random stream is {@code random/agent/iteration}; one
 * "sample" is one draw s' ~ P(·|s, a) through the generative model (drawing s₀ ~ ρ for ν =
 * rho-policy is not counted: it is not a transition).
 *
 * @param features φ
 * @param sampler the generative model
 * @param random the critic's stream (split per agent and iteration)
 * @param gamma γ
 * @param beta the SGD step β
 * @param steps K, SGD steps per call
 * @param nu the initial state–action distribution ν
 */
record PaperCritic(
    FeatureMap features,
    GenerativeModel sampler,
    RandomSource random,
    double gamma,
    double beta,
    int steps,
    Nu nu) {

  /** The initial state–action distribution ν of Algorithm 3. */
  enum Nu {
    /** Uniform over S×A (the default, our choice: the paper leaves ν open). */
    UNIFORM,
    /** s ~ ρ, a ~ π(·|s) with the agent's current policy. */
    RHO_POLICY
  }

  /**
   * One output of Algorithm 5.
   *
   * @param sa the state–action (s_h, a_h), distributed as d̃_ν^π
   * @param q the estimate Q̂(s_h, a_h), unbiased for Q^π(s_h, a_h)
   * @param transitions draws s' ~ P(·|s, a) used (both phases)
   */
  record Sample(int sa, double q, long transitions) {}

  /**
   * @param weights the averaged SGD iterate (1/K) Σ_{k=1..K} w̃_k
   * @param samples transitions used by the K calls of Algorithm 5
   */
  record Fit(double[] weights, long samples) {}

  /** Critic(K, ν, ξ, γ, β, r) of Algorithm 4 for agent {@code agent} at iteration {@code t}. */
  Fit fit(int agent, long iteration, RewardTable reward, LogPolicy policy) {
    SplittableRandom rng = random.child(agent).child(iteration).random();
    double[] probs = LinearCritic.probabilities(policy);
    int d = features.dimension();
    double[] w = new double[d];
    double[] sum = new double[d];
    long used = 0;
    for (int k = 0; k < steps; k++) {
      Sample x = draw(rng, reward, probs);
      used += x.transitions();
      double err = features.dot(x.sa(), w) - x.q();
      features.addTo(x.sa(), -2 * beta * err, w);
      for (int i = 0; i < d; i++) {
        sum[i] += w[i];
      }
    }
    for (int i = 0; i < d; i++) {
      sum[i] /= steps;
    }
    return new Fit(sum, used);
  }

  /**
   * Algorithm 5 (the Q-sampler): (s₀, a₀) ~ ν; while Bernoulli(γ) says continue, s' ~ P(·|s, a), a'
   * ~ π(·|s'), which stops at (s_h, a_h) ~ d̃_ν^π; then Q̂ = r(s_h, a_h) and, while Bernoulli(γ)
   * says continue, one more step adding its undiscounted reward r(s, a). Since the k-th further
   * reward is collected with probability γ^k, E[Q̂] = Q^π(s_h, a_h).
   *
   * @param probs π(a|s) for every flat sa
   */
  Sample draw(SplittableRandom rng, RewardTable reward, double[] probs) {
    int actions = features.actions();
    int s;
    int a;
    if (nu == Nu.UNIFORM) {
      int sa0 = rng.nextInt(features.states() * actions);
      s = sa0 / actions;
      a = sa0 % actions;
    } else {
      s = sampler.initialState(rng);
      a = LinearCritic.sampleAction(probs, s, actions, rng);
    }
    long used = 0;
    while (rng.nextDouble() < gamma) {
      s = sampler.nextState(s, a, rng);
      a = LinearCritic.sampleAction(probs, s, actions, rng);
      used++;
    }
    Sample tail = estimate(rng, reward, probs, s * actions + a);
    return new Sample(tail.sa(), tail.q(), used + tail.transitions());
  }

  /**
   * The second phase of Algorithm 5 from a given state–action: Q̂ = r(s, a), then while
   * Bernoulli(γ) says continue, s' ~ P(·|s, a), a' ~ π(·|s') and Q̂ += r(s', a').
   */
  Sample estimate(SplittableRandom rng, RewardTable reward, double[] probs, int sa) {
    int actions = features.actions();
    int s = sa / actions;
    int a = sa % actions;
    double q = reward.get(sa);
    long used = 0;
    while (rng.nextDouble() < gamma) {
      s = sampler.nextState(s, a, rng);
      a = LinearCritic.sampleAction(probs, s, actions, rng);
      used++;
      q += reward.get(s * actions + a);
    }
    return new Sample(sa, q, used);
  }

  @Override
  public String toString() {
    return "paper critic[K " + steps + ", beta " + beta + ", nu " + nu + "]";
  }
}
