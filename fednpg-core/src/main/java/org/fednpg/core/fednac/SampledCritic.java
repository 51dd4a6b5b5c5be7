package org.fednpg.core.fednac;

import java.util.Locale;
import java.util.SplittableRandom;
import org.fednpg.api.RandomSource;
import org.fednpg.api.model.GenerativeModel;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.RewardTable;

/**
 * The three sample-based critics. All draw their start state-actions (s, a) uniformly from S×A and
 * then follow the agent's own policy through the generative model; the random stream is {@code
 * critic/agent/iteration}, and one "sample" is one draw s' ~ P(·|s, a).
 *
 * <ul>
 *   <li>{@code montecarlo}: rollouts from uniform (s, a); after each step the rollout continues
 *       with probability γ (else stops), and the return is the undiscounted sum Q̂ = r(s₀,a₀) +
 *       Σ_{k=1}^{K} [r(s_k,a_k) − τ log π(a_k|s_k)], which is unbiased for Q_τ^π(s₀,a₀) because P(K
 *       ≥ k) = γ^k. Rollouts start while fewer than {@code samples} transitions (and fewer than
 *       {@code samples} rollouts) have been used; the last one runs to its end, so slightly more
 *       than {@code samples} transitions may be counted. Each return updates w by normalised SGD, w
 *       ← w − α (φᵀw − Q̂) φ with α = critic_step / ‖φ(s₀,a₀)‖² (constant over the iteration),
 *       starting from the previous critic (warm start).
 *   <li>{@code td}: exactly {@code samples} one-step updates from uniform (s, a), s' ~ P(·|s, a):
 *       expected-SARSA TD(0), δ = r(s,a) + γ Σ_a' π(a'|s')[φ(s',a')ᵀw − τ log π(a'|s')] − φ(s,a)ᵀw,
 *       w ← w + α δ φ(s,a) with the same α and warm start. (Off-policy TD with linear features can
 *       diverge in general; it is safe for one-hot features.)
 *   <li>{@code lstd}: LSTD-Q from the same kind of {@code samples} one-step draws: Â = (1/M) Σ
 *       φ(s,a)[φ(s,a) − γ Σ_a' π(a'|s') φ(s',a')]ᵀ, b̂ = (1/M) Σ φ(s,a)[r(s,a) − γτ Σ_a' π(a'|s')
 *       log π(a'|s')], and w = (Â + λI)⁻¹ (b̂ + λ w_prev) with λ = {@value #LSTD_RIDGE} (ridge
 *       toward the previous critic, so unvisited directions keep their old value). Cost O(d²) per
 *       sample and O(d³) per iteration.
 * </ul>
 */
final class SampledCritic implements LinearCritic {

  /** Ridge λ of LSTD-Q, relative to the per-sample averaged system. */
  static final double LSTD_RIDGE = 1e-3;

  /** Which estimator. */
  enum Kind {
    MONTECARLO,
    TD,
    LSTD
  }

  private final Kind kind;
  private final FeatureMap features;
  private final GenerativeModel sampler;
  private final RandomSource random;
  private final double gamma;
  private final double tau;
  private final int budget;
  private final double step;
  private final double[] stepSize;

  SampledCritic(
      Kind kind,
      FeatureMap features,
      GenerativeModel sampler,
      RandomSource random,
      double gamma,
      double tau,
      int budget,
      double step) {
    this.kind = kind;
    this.features = features;
    this.sampler = sampler;
    this.random = random;
    this.gamma = gamma;
    this.tau = tau;
    this.budget = budget;
    this.step = step;
    int rows = features.states() * features.actions();
    this.stepSize = new double[rows];
    for (int sa = 0; sa < rows; sa++) {
      double norm = features.squaredNorm(sa);
      stepSize[sa] = norm > 0 ? step / norm : 0;
    }
  }

  @Override
  public Fit fit(
      int agent, long iteration, RewardTable reward, LogPolicy policy, double[] previous) {
    SplittableRandom rng = random.child(agent).child(iteration).random();
    double[] probs = LinearCritic.probabilities(policy);
    double[] logp = policy.toArray();
    switch (kind) {
      case MONTECARLO:
        return monteCarlo(rng, reward, probs, logp, previous);
      case TD:
        return td(rng, reward, probs, logp, previous);
      case LSTD:
        return lstd(rng, reward, probs, logp, previous);
      default:
        throw new IllegalStateException("unhandled critic " + kind);
    }
  }

  private Fit monteCarlo(
      SplittableRandom rng, RewardTable reward, double[] probs, double[] logp, double[] previous) {
    int actions = features.actions();
    int rows = features.states() * actions;
    double[] w = previous.clone();
    long used = 0;
    long rollouts = 0;
    while (used < budget && rollouts < budget) {
      int sa0 = rng.nextInt(rows);
      int s = sa0 / actions;
      int a = sa0 % actions;
      double ret = reward.get(sa0);
      while (rng.nextDouble() < gamma) {
        s = sampler.nextState(s, a, rng);
        used++;
        a = LinearCritic.sampleAction(probs, s, actions, rng);
        int sa = s * actions + a;
        ret += reward.get(sa) - tau * logp[sa];
      }
      rollouts++;
      double err = features.dot(sa0, w) - ret;
      features.addTo(sa0, -stepSize[sa0] * err, w);
    }
    return new Fit(w, used);
  }

  /** Σ_a' π(a'|s')[φ(s',a')ᵀw − τ log π(a'|s')]. */
  private double softValue(int s, double[] probs, double[] logp, double[] w) {
    int actions = features.actions();
    double v = 0;
    for (int a = 0; a < actions; a++) {
      int sa = s * actions + a;
      if (probs[sa] > 0) {
        v += probs[sa] * (features.dot(sa, w) - tau * logp[sa]);
      }
    }
    return v;
  }

  private Fit td(
      SplittableRandom rng, RewardTable reward, double[] probs, double[] logp, double[] previous) {
    int actions = features.actions();
    int rows = features.states() * actions;
    double[] w = previous.clone();
    for (int i = 0; i < budget; i++) {
      int sa = rng.nextInt(rows);
      int next = sampler.nextState(sa / actions, sa % actions, rng);
      double delta = reward.get(sa) + gamma * softValue(next, probs, logp, w) - features.dot(sa, w);
      features.addTo(sa, stepSize[sa] * delta, w);
    }
    return new Fit(w, budget);
  }

  private Fit lstd(
      SplittableRandom rng, RewardTable reward, double[] probs, double[] logp, double[] previous) {
    int actions = features.actions();
    int rows = features.states() * actions;
    int d = features.dimension();
    double[][] a = new double[d][d + 1];
    double[] psi = new double[d];
    for (int i = 0; i < budget; i++) {
      int sa = rng.nextInt(rows);
      int next = sampler.nextState(sa / actions, sa % actions, rng);
      double[] phi = features.phi(sa);
      System.arraycopy(phi, 0, psi, 0, d);
      double entropy = 0;
      for (int b = 0; b < actions; b++) {
        int nsa = next * actions + b;
        if (probs[nsa] > 0) {
          features.addTo(nsa, -gamma * probs[nsa], psi);
          entropy += probs[nsa] * logp[nsa];
        }
      }
      double target = reward.get(sa) - gamma * tau * entropy;
      for (int r = 0; r < d; r++) {
        if (phi[r] == 0) {
          continue;
        }
        double[] row = a[r];
        for (int c = 0; c < d; c++) {
          row[c] += phi[r] * psi[c];
        }
        row[d] += phi[r] * target;
      }
    }
    for (int r = 0; r < d; r++) {
      for (int c = 0; c <= d; c++) {
        a[r][c] /= budget;
      }
      a[r][r] += LSTD_RIDGE;
      a[r][d] += LSTD_RIDGE * previous[r];
    }
    return new Fit(GaussianElimination.solve(a), budget);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(Locale.ROOT) + "[samples " + budget + ", step " + step + "]";
  }
}
