package org.fednpg.core.fednac;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fednpg.api.FedNpgException;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.run.AgentProcess;
import org.fednpg.api.run.AgentState;

/**
 * One agent of the paper's FedNAC (PAPER.md §3, Algorithm 3; {@code fednac} with
 * {@code variant: paper}). State: actor ξ_n, the critic w_n^(t−1) of the previous iteration and
 * the tracker h_n^(t−1), all in R^d, with ξ^(0) = 0 (uniform policy) and h^(−1) = w^(−1) = 0.
 * Iteration t has two exchanges:
 *
 * <ol>
 *   <li>fit w_n^(t) = Critic(K, ν, ξ_n^(t), γ, β, r_n) (Algorithm 4, fresh from w̃₀ = 0); send
 *       h_n^(t−1) + w_n^(t) − w_n^(t−1); receive the mix → h_n^(t);
 *   <li>send ξ_n^(t) + α h_n^(t); receive the mix → ξ_n^(t+1).
 * </ol>
 *
 * The critic is fitted inside exchange 0 (not after the actor update, as {@code variant: ours}
 * does), so the samples reported after iteration t are exactly those behind ξ^(t+1): the
 * critics w^(0..t). Only d-vectors leave the agent.
 */
final class FedNacPaperAgent implements AgentProcess {

  /** Fits the critic of one policy; {@link PaperCritic} or, in tests, an exact critic. */
  interface Critic {
    PaperCritic.Fit fit(int agent, long iteration, RewardTable reward, LogPolicy policy);
  }

  private final int id;
  private final RewardTable reward;
  private final FeatureMap features;
  private final Critic critic;
  private final double alpha;

  private final double[] xi;
  private final double[] tracker;
  private final double[] outbox;
  private double[] previous;
  private double[] current;
  private LogPolicy policy;
  private long samples;

  FedNacPaperAgent(int id, RewardTable reward, FeatureMap features, Critic critic, double alpha) {
    this.id = id;
    this.reward = reward;
    this.features = features;
    this.critic = critic;
    this.alpha = alpha;
    int d = features.dimension();
    this.xi = new double[d];
    this.tracker = new double[d];
    this.outbox = new double[d];
    this.previous = new double[d];
    this.policy = policyOf(xi);
  }

  private LogPolicy policyOf(double[] parameters) {
    double[] logits = features.logits(parameters);
    for (double v : logits) {
      if (!Double.isFinite(v)) {
        throw new FedNpgException("FedNAC (paper) agent " + id + ": actor parameters diverged "
            + "(non-finite logits); use a smaller alpha or beta");
      }
    }
    return LogPolicy.fromLogits(features.states(), features.actions(), logits);
  }

  @Override
  public void initialize() {
    // h^(−1) = w^(−1) = 0 and ξ^(0) = 0 are set by the constructor; the first critic is fitted
    // in iteration 0's first exchange.
  }

  @Override
  public double[] send(long iteration, int exchange) {
    if (exchange == 0) {
      PaperCritic.Fit fit = critic.fit(id, iteration, reward, policy);
      samples += fit.samples();
      current = fit.weights();
      for (double v : current) {
        if (!Double.isFinite(v)) {
          throw new FedNpgException("FedNAC (paper) agent " + id + ", iteration " + iteration
              + ": critic diverged (non-finite weights); use a smaller beta (the proof's "
              + "1/(2 C_phi^2) keeps every SGD step a contraction)");
        }
      }
      for (int k = 0; k < outbox.length; k++) {
        outbox[k] = tracker[k] + current[k] - previous[k];
      }
    } else {
      for (int k = 0; k < outbox.length; k++) {
        outbox[k] = xi[k] + alpha * tracker[k];
      }
    }
    return outbox;
  }

  @Override
  public void receive(long iteration, int exchange, double[] mixed) {
    if (exchange == 0) {
      System.arraycopy(mixed, 0, tracker, 0, tracker.length);
      previous = current;
      current = null;
    } else {
      System.arraycopy(mixed, 0, xi, 0, xi.length);
      policy = policyOf(xi);
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

  /** After iteration t: theta = ξ^(t+1), critic = w^(t), tracker = h^(t). */
  @Override
  public AgentState snapshot() {
    Map<String, double[]> tables = new LinkedHashMap<>();
    tables.put("theta", xi);
    tables.put("critic", previous);
    tables.put("tracker", tracker);
    return new AgentState(tables, samples);
  }

  @Override
  public void restore(AgentState state) {
    int d = xi.length;
    double[] t = state.table("theta");
    double[] c = state.table("critic");
    double[] h = state.table("tracker");
    if (t.length != d || c.length != d || h.length != d) {
      throw new IllegalArgumentException("agent state tables have lengths " + t.length + ", "
          + c.length + ", " + h.length + " but this run's feature dimension is " + d);
    }
    System.arraycopy(t, 0, xi, 0, d);
    System.arraycopy(h, 0, tracker, 0, d);
    previous = c.clone();
    current = null;
    policy = policyOf(xi);
    samples = state.samples();
  }

  /** ξ_n (a copy). */
  double[] xi() {
    return xi.clone();
  }

  /** The tracker h_n^(t) after iteration t (a copy). */
  double[] tracker() {
    return tracker.clone();
  }

  /** The last fitted critic w_n^(t) (a copy). */
  double[] critic() {
    return previous.clone();
  }
}
