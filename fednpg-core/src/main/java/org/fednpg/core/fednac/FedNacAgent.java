package org.fednpg.core.fednac;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fednpg.api.FedNpgException;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.run.AgentProcess;
import org.fednpg.api.run.AgentState;

/**
 * One FedNAC agent (SPEC §3). State: actor parameters θ_n, critic w_n and the global-critic
 * tracker h_n, all in R^d. An iteration has two exchanges, mirroring FedNPG's agent:
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
public final class FedNacAgent implements AgentProcess {

  private final int id;
  private final RewardTable reward;
  private final FeatureMap features;
  private final LinearCritic critic;
  private final double keep;
  private final double step;

  private final double[] theta;
  private final double[] tracker;
  private final double[] outbox;
  private double[] w;
  private double[] wNext;
  private LogPolicy policy;
  private long samples;

  FedNacAgent(int id, RewardTable reward, FeatureMap features, LinearCritic critic, double eta,
      double tau, double gamma) {
    this.id = id;
    this.reward = reward;
    this.features = features;
    this.critic = critic;
    this.keep = 1 - eta * tau / (1 - gamma);
    this.step = eta / (1 - gamma);
    int d = features.dimension();
    this.theta = new double[d];
    this.tracker = new double[d];
    this.outbox = new double[d];
    this.w = new double[d];
    this.policy = policyOf(theta);
  }

  private LogPolicy policyOf(double[] parameters) {
    double[] logits = features.logits(parameters);
    for (double v : logits) {
      if (!Double.isFinite(v)) {
        throw new FedNpgException("FedNAC agent " + id + ": actor parameters diverged "
            + "(non-finite logits); the critic estimates are unstable, see critic_step/samples");
      }
    }
    return LogPolicy.fromLogits(features.states(), features.actions(), logits);
  }

  private double[] fitCritic(long iteration) {
    LinearCritic.Fit fit = critic.fit(id, iteration, reward, policy, w);
    samples += fit.samples();
    for (double v : fit.weights()) {
      if (!Double.isFinite(v)) {
        throw new FedNpgException("FedNAC agent " + id + ", iteration " + iteration + ": critic "
            + critic + " diverged (non-finite weights); use a smaller critic_step, more samples, "
            + "or critic lstd/montecarlo");
      }
    }
    return fit.weights();
  }

  @Override
  public void initialize() {
    w = fitCritic(0);
    System.arraycopy(w, 0, tracker, 0, w.length);
  }

  @Override
  public double[] send(long iteration, int exchange) {
    if (exchange == 0) {
      for (int k = 0; k < outbox.length; k++) {
        outbox[k] = keep * theta[k] + step * tracker[k];
      }
    } else {
      for (int k = 0; k < outbox.length; k++) {
        outbox[k] = tracker[k] + wNext[k] - w[k];
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
      w = wNext;
      wNext = null;
    }
  }

  @Override
  public LogPolicy policy() {
    return policy;
  }

  @Override
  public long samples() {
    return samples;
  }

  @Override
  public AgentState snapshot() {
    Map<String, double[]> tables = new LinkedHashMap<>();
    tables.put("theta", theta);
    tables.put("critic", w);
    tables.put("tracker", tracker);
    return new AgentState(tables, samples);
  }

  @Override
  public void restore(AgentState state) {
    int d = theta.length;
    double[] t = state.table("theta");
    double[] c = state.table("critic");
    double[] h = state.table("tracker");
    if (t.length != d || c.length != d || h.length != d) {
      throw new IllegalArgumentException("agent state tables have lengths " + t.length + ", "
          + c.length + ", " + h.length + " but this run's feature dimension is " + d);
    }
    System.arraycopy(t, 0, theta, 0, d);
    System.arraycopy(h, 0, tracker, 0, d);
    w = c;
    wNext = null;
    policy = policyOf(theta);
    samples = state.samples();
  }

  /** θ_n (a copy). */
  public double[] theta() {
    return theta.clone();
  }

  /** The current critic w_n^(t) (a copy). */
  public double[] critic() {
    return w.clone();
  }

  /** The global-critic tracker h_n^(t) (a copy). */
  public double[] tracker() {
    return tracker.clone();
  }
}
