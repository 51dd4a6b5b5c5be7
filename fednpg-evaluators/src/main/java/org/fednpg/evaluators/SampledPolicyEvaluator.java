package org.fednpg.evaluators;

import java.util.Locale;
import java.util.SplittableRandom;
import org.fednpg.api.EvaluationRequest;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.RandomSource;
import org.fednpg.api.model.GenerativeModel;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.QEstimate;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;

/**
 * The {@code sampled} evaluator: Q_τ^π estimated from simulated transitions s' ~ P(·|s, a) drawn
 * through a {@link GenerativeModel} (SPEC §4). The reward table and the policy are known to the
 * agent; only the dynamics are sampled. {@link QEstimate#samples()} reports the exact number of
 * {@code nextState} calls made.
 *
 * <ul>
 *   <li>{@code montecarlo}: for each (s, a), {@code samples} rollouts with geometric stopping: the
 *       rollout collects r(s, a), then repeatedly continues with probability γ, moves s' ~ P(·|s,
 *       a), draws a' ~ π(·|s') and collects r(s', a') − τ log π(a'|s') undiscounted. Surviving t
 *       steps has probability γ^t, so the return is an unbiased estimate of Q_τ^π with no
 *       truncation bias; a rollout uses γ/(1 − γ) transitions on average. Unit of {@code samples}:
 *       rollouts per (s, a) pair.
 *   <li>{@code td}: synchronous expected TD(0) on Q from q = 0: each sweep k = 1..samples draws one
 *       s' for every (s, a) and sets q ← q + α_k (r + γ Σ_a' π(a'|s') (q(s', a') − τ log π(a'|s'))
 *       − q), with the rescaled-linear step size α_k = 1 / (1 + (1 − γ) k) (our choice; it keeps
 *       the bias from q = 0 decaying while the noise averages out). Unit: transitions (= sweeps)
 *       per (s, a) pair.
 *   <li>{@code lstd}: LSTD-Q with tabular (one-hot) features: the LSTD fixed point over the sampled
 *       transitions, with the next action integrated out under π. With one-hot features it equals
 *       the certainty-equivalence estimate: Q of π on the empirical model P̂(s'|s, a) = count/n,
 *       solved exactly by {@link BellmanSolver}. Unit: transitions per (s, a) pair.
 * </ul>
 *
 * <p>Randomness: one stream per call from {@code
 * random.child(agent).child(iteration).child(method)}.
 */
public final class SampledPolicyEvaluator implements PolicyEvaluator {

  /** Estimation method. */
  public enum Method {
    MONTECARLO,
    TD,
    LSTD;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final GenerativeModel model;
  private final double gamma;
  private final Method method;
  private final int samples;
  private final RandomSource random;

  /**
   * @param model the generative model
   * @param gamma discount in [0, 1)
   * @param method estimation method
   * @param samples budget per (s, a) pair, ≥ 1 (unit depends on the method, see the class doc)
   * @param random this evaluator's node of the seed tree
   */
  public SampledPolicyEvaluator(
      GenerativeModel model, double gamma, Method method, int samples, RandomSource random) {
    if (!(gamma >= 0 && gamma < 1)) {
      throw new InvalidInputException("sampled evaluator: gamma must be in [0, 1), got " + gamma);
    }
    if (samples < 1) {
      throw new InvalidInputException("sampled evaluator: samples must be >= 1, got " + samples);
    }
    this.model = model;
    this.gamma = gamma;
    this.method = method;
    this.samples = samples;
    this.random = random;
  }

  @Override
  public QEstimate evaluate(EvaluationRequest request) {
    int states = model.states();
    int actions = model.actions();
    RewardTable reward = request.reward();
    LogPolicy policy = request.policy();
    Shapes.require(reward, policy, states, actions, "the model");
    SplittableRandom rng =
        random.child(request.agent()).child(request.iteration()).child(method.label()).random();
    switch (method) {
      case MONTECARLO:
        return monteCarlo(reward, policy, request.tau(), rng);
      case TD:
        return td(reward, policy, request.tau(), rng);
      case LSTD:
        return lstd(reward, policy, request.tau(), rng);
      default:
        throw new IllegalStateException("unhandled method " + method);
    }
  }

  /** Per-state cumulative π, with the last entry of each state forced to +∞. */
  private static double[] cumulativePolicy(LogPolicy policy) {
    int actions = policy.actions();
    double[] c = new double[policy.states() * actions];
    for (int s = 0; s < policy.states(); s++) {
      double acc = 0;
      for (int a = 0; a < actions; a++) {
        acc += policy.probability(s, a);
        c[s * actions + a] = acc;
      }
      c[s * actions + actions - 1] = Double.POSITIVE_INFINITY;
    }
    return c;
  }

  private QEstimate monteCarlo(
      RewardTable reward, LogPolicy policy, double tau, SplittableRandom rng) {
    int states = model.states();
    int actions = model.actions();
    double[] cum = cumulativePolicy(policy);
    double[] soft = new double[states * actions];
    for (int sa = 0; sa < soft.length; sa++) {
      double lp = policy.logProbability(sa);
      soft[sa] = tau == 0 ? reward.get(sa) : reward.get(sa) - tau * lp;
    }
    double[] q = new double[states * actions];
    long transitions = 0;
    for (int s0 = 0; s0 < states; s0++) {
      for (int a0 = 0; a0 < actions; a0++) {
        double total = 0;
        for (int i = 0; i < samples; i++) {
          double g = reward.get(s0, a0);
          int s = s0;
          int a = a0;
          while (rng.nextDouble() < gamma) {
            s = model.nextState(s, a, rng);
            transitions++;
            double u = rng.nextDouble();
            int base = s * actions;
            a = 0;
            while (u >= cum[base + a]) {
              a++;
            }
            g += soft[base + a];
          }
          total += g;
        }
        q[s0 * actions + a0] = total / samples;
      }
    }
    return QEstimate.of(states, actions, q, transitions);
  }

  private QEstimate td(RewardTable reward, LogPolicy policy, double tau, SplittableRandom rng) {
    int states = model.states();
    int actions = model.actions();
    double[] pi = new double[states * actions];
    double[] entropyTerm = new double[states];
    for (int s = 0; s < states; s++) {
      for (int a = 0; a < actions; a++) {
        double p = policy.probability(s, a);
        pi[s * actions + a] = p;
        if (p > 0) {
          entropyTerm[s] -= tau * p * policy.logProbability(s, a);
        }
      }
    }
    double[] q = new double[states * actions];
    double[] next = new double[states * actions];
    double[] v = new double[states];
    for (int k = 1; k <= samples; k++) {
      for (int s = 0; s < states; s++) {
        double acc = entropyTerm[s];
        for (int a = 0; a < actions; a++) {
          acc += pi[s * actions + a] * q[s * actions + a];
        }
        v[s] = acc;
      }
      double alpha = 1.0 / (1.0 + (1.0 - gamma) * k);
      for (int s = 0; s < states; s++) {
        for (int a = 0; a < actions; a++) {
          int sa = s * actions + a;
          int t = model.nextState(s, a, rng);
          double target = reward.get(sa) + gamma * v[t];
          next[sa] = q[sa] + alpha * (target - q[sa]);
        }
      }
      double[] swap = q;
      q = next;
      next = swap;
    }
    return QEstimate.of(states, actions, q, (long) samples * states * actions);
  }

  private QEstimate lstd(RewardTable reward, LogPolicy policy, double tau, SplittableRandom rng) {
    int states = model.states();
    int actions = model.actions();
    TransitionKernel.Builder builder = TransitionKernel.builder(states, actions);
    int[] counts = new int[states];
    int[] touched = new int[samples];
    for (int s = 0; s < states; s++) {
      for (int a = 0; a < actions; a++) {
        int distinct = 0;
        for (int i = 0; i < samples; i++) {
          int t = model.nextState(s, a, rng);
          if (counts[t]++ == 0) {
            touched[distinct++] = t;
          }
        }
        for (int j = 0; j < distinct; j++) {
          int t = touched[j];
          builder.add(s, a, t, (double) counts[t] / samples);
          counts[t] = 0;
        }
      }
    }
    PolicyEvaluation evaluation =
        new BellmanSolver(builder.build()).evaluate(gamma, reward, policy, tau);
    return QEstimate.of(states, actions, evaluation.qValues(), (long) samples * states * actions);
  }
}
