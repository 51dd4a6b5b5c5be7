package org.fednpg.core.fednac;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fednpg.api.FedNpgException;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.run.AgentProcess;
import org.fednpg.api.run.AgentState;

/**
 * What both FedNAC agents ({@code variant: ours} and {@code variant: paper}) hold: the actor
 * parameters θ_n (the paper's ξ_n), the settled critic w_n, the critic tracker h_n, all in R^d, the
 * log-linear policy of θ_n, and the sample count; with the policy's divergence check, the
 * checkpoint tables ({@code theta}, {@code critic}, {@code tracker}) and copies for tests. The
 * subclasses differ only in the order of the two exchanges and in how the critic is fitted.
 */
abstract class LinearAgentBase implements AgentProcess {

  final int id;
  final RewardTable reward;
  final FeatureMap features;
  final double[] theta;
  final double[] tracker;
  final double[] outbox;

  /** The settled critic (w^(t) for ours, w^(t−1) between iterations for the paper's). */
  double[] critic;

  LogPolicy policy;
  long samples;

  LinearAgentBase(int id, RewardTable reward, FeatureMap features) {
    this.id = id;
    this.reward = reward;
    this.features = features;
    int d = features.dimension();
    this.theta = new double[d];
    this.tracker = new double[d];
    this.outbox = new double[d];
    this.critic = new double[d];
    this.policy = policyOf(theta);
  }

  /** The message when the actor diverges (names the agent and which step to make smaller). */
  abstract String divergedMessage();

  /** Forgets a critic fitted within an iteration that has not settled (after a restore). */
  abstract void clearPending();

  /** The log-linear policy of {@code parameters}; refuses non-finite logits. */
  final LogPolicy policyOf(double[] parameters) {
    double[] logits = features.logits(parameters);
    for (double v : logits) {
      if (!Double.isFinite(v)) {
        throw new FedNpgException(divergedMessage());
      }
    }
    return LogPolicy.fromLogits(features.states(), features.actions(), logits);
  }

  @Override
  public final LogPolicy policy() {
    return policy;
  }

  @Override
  public final long samples() {
    return samples;
  }

  @Override
  public final AgentState snapshot() {
    Map<String, double[]> tables = new LinkedHashMap<>();
    tables.put("theta", theta);
    tables.put("critic", critic);
    tables.put("tracker", tracker);
    return new AgentState(tables, samples);
  }

  @Override
  public final void restore(AgentState state) {
    int d = theta.length;
    double[] t = state.table("theta");
    double[] c = state.table("critic");
    double[] h = state.table("tracker");
    if (t.length != d || c.length != d || h.length != d) {
      throw new IllegalArgumentException(
          "agent state tables have lengths "
              + t.length
              + ", "
              + c.length
              + ", "
              + h.length
              + " but this run's feature dimension is "
              + d);
    }
    System.arraycopy(t, 0, theta, 0, d);
    System.arraycopy(h, 0, tracker, 0, d);
    critic = c.clone();
    clearPending();
    policy = policyOf(theta);
    samples = state.samples();
  }

  /** θ_n (a copy). */
  public final double[] theta() {
    return theta.clone();
  }

  /** The settled critic w_n (a copy). */
  public final double[] critic() {
    return critic.clone();
  }

  /** The critic tracker h_n (a copy). */
  public final double[] tracker() {
    return tracker.clone();
  }
}
