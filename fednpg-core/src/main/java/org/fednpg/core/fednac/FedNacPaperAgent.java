package org.fednpg.core.fednac;

import org.fednpg.api.FedNpgException;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.RewardTable;

/**
 * One agent of the paper's FedNAC (PAPER.md §3, Algorithm 3; {@code fednac} with {@code variant:
 * paper}). State: actor ξ_n, the critic w_n^(t−1) of the previous iteration and the tracker
 * h_n^(t−1), all in R^d, with ξ^(0) = 0 (uniform policy) and h^(−1) = w^(−1) = 0. Iteration t has
 * two exchanges:
 *
 * <ol>
 *   <li>fit w_n^(t) = Critic(K, ν, ξ_n^(t), γ, β, r_n) (Algorithm 4, fresh from w̃₀ = 0); send
 *       h_n^(t−1) + w_n^(t) − w_n^(t−1); receive the mix → h_n^(t);
 *   <li>send ξ_n^(t) + α h_n^(t); receive the mix → ξ_n^(t+1).
 * </ol>
 *
 * The critic is fitted inside exchange 0 (not after the actor update, as {@code variant: ours}
 * does), so the samples reported after iteration t are exactly those behind ξ^(t+1): the critics
 * w^(0..t). Only d-vectors leave the agent.
 */
final class FedNacPaperAgent extends LinearAgentBase {

  /** Fits the critic of one policy; {@link PaperCritic} or, in tests, an exact critic. */
  interface Critic {
    PaperCritic.Fit fit(int agent, long iteration, RewardTable reward, LogPolicy policy);
  }

  private final Critic estimator;
  private final double alpha;

  /** w_n^(t), fitted in exchange 0 of iteration t, until it settles as {@code critic}. */
  private double[] current;

  FedNacPaperAgent(int id, RewardTable reward, FeatureMap features, Critic critic, double alpha) {
    super(id, reward, features);
    this.estimator = critic;
    this.alpha = alpha;
  }

  @Override
  String divergedMessage() {
    return "FedNAC (paper) agent "
        + id
        + ": actor parameters diverged (non-finite logits); use "
        + "a smaller alpha or beta";
  }

  @Override
  void clearPending() {
    current = null;
  }

  @Override
  public void initialize() {
    // h^(−1) = w^(−1) = 0 and ξ^(0) = 0 are set by the constructor; the first critic is fitted
    // in iteration 0's first exchange.
  }

  @Override
  public double[] send(long iteration, int exchange) {
    if (exchange == 0) {
      PaperCritic.Fit fit = estimator.fit(id, iteration, reward, policy);
      samples += fit.samples();
      current = fit.weights();
      for (double v : current) {
        if (!Double.isFinite(v)) {
          throw new FedNpgException(
              "FedNAC (paper) agent "
                  + id
                  + ", iteration "
                  + iteration
                  + ": critic diverged (non-finite weights); use a smaller beta (the proof's "
                  + "1/(2 C_phi^2) keeps every SGD step a contraction)");
        }
      }
      for (int k = 0; k < outbox.length; k++) {
        outbox[k] = tracker[k] + current[k] - critic[k];
      }
    } else {
      for (int k = 0; k < outbox.length; k++) {
        outbox[k] = theta[k] + alpha * tracker[k];
      }
    }
    return outbox;
  }

  @Override
  public void receive(long iteration, int exchange, double[] mixed) {
    if (exchange == 0) {
      System.arraycopy(mixed, 0, tracker, 0, tracker.length);
      critic = current;
      current = null;
    } else {
      System.arraycopy(mixed, 0, theta, 0, theta.length);
      policy = policyOf(theta);
    }
  }

  /** ξ_n (a copy; the base class calls it θ). */
  double[] xi() {
    return theta();
  }
}
