package org.fednpg.core.fednac;

import org.fednpg.api.FedNpgException;
import org.fednpg.api.model.RewardTable;

/**
 * One FedNAC agent (SPEC §3). State: actor parameters θ_n, critic w_n and the global-critic tracker
 * h_n, all in R^d. An iteration has two exchanges, mirroring FedNPG's agent:
 *
 * <ol>
 *   <li>send (1 − ητ/(1−γ)) θ_n + (η/(1−γ)) h_n; receive the mix → θ_n^(t+1); fit the critic
 *       w_n^(t+1) of π_{θ_n^(t+1)} on the agent's own reward;
 *   <li>send h_n + w_n^(t+1) − w_n^(t); receive the mix → h_n^(t+1).
 * </ol>
 *
 * Only d-vectors leave the agent; its reward and samples stay local. θ^(0) = 0 (uniform policy),
 * h^(0) = w^(0). A critic that returns non-finite weights (off-policy TD with linear features can
 * diverge) stops the run with a {@link FedNpgException} naming the agent and iteration.
 */
public final class FedNacAgent extends LinearAgentBase {

  private final LinearCritic estimator;
  private final double keep;
  private final double step;

  /** w_n^(t+1) between the two exchanges. */
  private double[] wNext;

  FedNacAgent(
      int id,
      RewardTable reward,
      FeatureMap features,
      LinearCritic critic,
      double eta,
      double tau,
      double gamma) {
    super(id, reward, features);
    this.estimator = critic;
    this.keep = 1 - eta * tau / (1 - gamma);
    this.step = eta / (1 - gamma);
  }

  @Override
  String divergedMessage() {
    return "FedNAC agent "
        + id
        + ": actor parameters diverged (non-finite logits); the critic "
        + "estimates are unstable, see critic_step/samples";
  }

  @Override
  void clearPending() {
    wNext = null;
  }

  private double[] fitCritic(long iteration) {
    LinearCritic.Fit fit = estimator.fit(id, iteration, reward, policy, critic);
    samples += fit.samples();
    for (double v : fit.weights()) {
      if (!Double.isFinite(v)) {
        throw new FedNpgException(
            "FedNAC agent "
                + id
                + ", iteration "
                + iteration
                + ": critic "
                + estimator
                + " diverged (non-finite weights); use a smaller critic_step, more samples, "
                + "or critic lstd/montecarlo");
      }
    }
    return fit.weights();
  }

  @Override
  public void initialize() {
    critic = fitCritic(0);
    System.arraycopy(critic, 0, tracker, 0, critic.length);
  }

  @Override
  public double[] send(long iteration, int exchange) {
    if (exchange == 0) {
      for (int k = 0; k < outbox.length; k++) {
        outbox[k] = keep * theta[k] + step * tracker[k];
      }
    } else {
      for (int k = 0; k < outbox.length; k++) {
        outbox[k] = tracker[k] + wNext[k] - critic[k];
      }
    }
    return outbox;
  }

  @Override
  public void receive(long iteration, int exchange, double[] mixed) {
    if (exchange == 0) {
      System.arraycopy(mixed, 0, theta, 0, theta.length);
      policy = policyOf(theta);
      wNext = fitCritic(iteration + 1);
    } else {
      System.arraycopy(mixed, 0, tracker, 0, tracker.length);
      critic = wNext;
      wNext = null;
    }
  }
}
