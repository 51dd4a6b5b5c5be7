package org.fednpg.core.algorithms;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fednpg.api.EvaluationRequest;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.run.AgentProcess;
import org.fednpg.api.run.AgentState;

/**
 * One agent of FedNPG (SPEC §3), with or without Q-tracking. State: the normalised log-policy log
 * π_n^(t), the local estimate q_n^(t) of Q_n^(t) and, when tracking, the global-Q estimate T_n^(t),
 * plus V of the current policy as last evaluated (the evaluator's warm start, see {@link
 * PolicyEvaluator#evaluateInto(EvaluationRequest, double[], double[])}). With tracking an iteration
 * has two exchanges:
 *
 * <ol>
 *   <li>send (1 − ητ/(1−γ)) log π_n + (η/(1−γ)) T_n; receive the mix, normalise per state →
 *       π_n^(t+1); evaluate q_n^(t+1);
 *   <li>send T_n + q_n^(t+1) − q_n^(t); receive the mix → T_n^(t+1).
 * </ol>
 *
 * Without tracking (the naive baseline, {@link NaiveVariant}) the direction is q_n^(t) ({@code
 * local-q}, one exchange), q_n^(0) ({@code frozen}, one exchange) or T_n^(t) with T_n^(t+1) = Σ_m
 * W_nm q_m^(t+1) ({@code mixed-q}, the second exchange sends q_n^(t+1)). The reward never leaves
 * the agent.
 */
public final class NpgAgent implements AgentProcess {

  private final int id;
  private final RewardTable reward;
  private final PolicyEvaluator evaluator;
  private final boolean tracking;

  /** The naive reading, null for FedNPG (tracking) and centralised NPG. */
  private final NaiveVariant naive;

  /** Whether a T table is kept and mixed in a second exchange (FedNPG and mixed-q). */
  private final boolean keepsT;

  private final double tau;
  private final double keep;
  private final double step;
  private final int actions;

  private LogPolicy policy;

  /** q_n^(t); with tracking, {@code qNext} holds q_n^(t+1) between the two exchanges. */
  private double[] q;

  private double[] qNext;
  private final double[] tracker;
  private final double[] outbox;

  /**
   * V of the current policy as the evaluator last returned it: the warm start of the next
   * evaluation, so it is part of the checkpointed state (resume stays bit-identical).
   */
  private final double[] values;

  /** Whether the evaluator's work depends on the start (then the start gets one Bellman step). */
  private final boolean bellmanStart;

  private long samples;

  /**
   * @param id agent index (keys the evaluator's random stream)
   * @param reward this agent's private reward
   * @param evaluator estimates Q of a policy
   * @param initial π_n^(0)
   * @param eta step size η
   * @param tau entropy regularisation τ
   * @param gamma discount γ
   * @param tracking whether to keep and mix the global-Q estimate T_n
   */
  public NpgAgent(
      int id,
      RewardTable reward,
      PolicyEvaluator evaluator,
      LogPolicy initial,
      double eta,
      double tau,
      double gamma,
      boolean tracking) {
    this(
        id,
        reward,
        evaluator,
        initial,
        eta,
        tau,
        gamma,
        tracking,
        tracking ? null : NaiveVariant.LOCAL_Q);
  }

  /**
   * An agent of FedNPG ({@code tracking}, {@code naive} null) or of a naive reading.
   *
   * @param naive the naive baseline's reading when not tracking
   */
  public NpgAgent(
      int id,
      RewardTable reward,
      PolicyEvaluator evaluator,
      LogPolicy initial,
      double eta,
      double tau,
      double gamma,
      boolean tracking,
      NaiveVariant naive) {
    if (tracking == (naive != null)) {
      throw new IllegalArgumentException("exactly one of tracking and a naive variant");
    }
    this.naive = naive;
    this.keepsT = tracking || naive == NaiveVariant.MIXED_Q;
    this.id = id;
    this.reward = reward;
    this.evaluator = evaluator;
    this.tracking = tracking;
    this.tau = tau;
    this.keep = 1 - eta * tau / (1 - gamma);
    this.step = eta / (1 - gamma);
    this.actions = reward.actions();
    this.policy = initial;
    int size = reward.states() * reward.actions();
    this.tracker = keepsT || naive == NaiveVariant.FROZEN ? new double[size] : null;
    this.outbox = new double[size];
    this.q = new double[size];
    this.qNext = keepsT ? new double[size] : null;
    this.values = new double[reward.states()];
    this.bellmanStart = evaluator.usesWarmStarts();
  }

  @Override
  public void initialize() {
    evaluate(0, q);
    if (tracker != null) {
      System.arraycopy(q, 0, tracker, 0, q.length);
    }
  }

  /** Exchanges per iteration: 2 when a T table is mixed (FedNPG, mixed-q), else 1. */
  int exchanges() {
    return keepsT ? 2 : 1;
  }

  private void evaluate(long iteration, double[] into) {
    if (bellmanStart && iteration > 0) {
      bellmanStep();
    }
    samples +=
        evaluator.evaluateInto(
            new EvaluationRequest(id, iteration, reward, policy, tau), into, values);
  }

  /**
   * The warm start of an iterative evaluator, one Bellman step ahead of the last V: V(s) ← Σ_a
   * π(a|s) (q(s,a) − τ log π(a|s)) with the new policy π and q, this agent's last Q (of the
   * previous policy on its own reward, q = r + γ P V_prev), which is T_π V_prev computed without
   * touching the kernel. Its Bellman residual is γ P_π times that of V_prev, so never larger in
   * max-norm, and it saves about 1.3 of 25 Krylov products per solve on Garnet(2000, 10, 10) (our
   * choice; README "Performance", round 4). A function of the checkpointed q and the policy: resume
   * stays bit for bit.
   */
  private void bellmanStep() {
    int states = values.length;
    for (int s = 0; s < states; s++) {
      double v = 0;
      for (int sa = s * actions; sa < (s + 1) * actions; sa++) {
        double p = policy.probability(sa);
        if (p > 0) {
          v += p * (tau == 0 ? q[sa] : q[sa] - tau * policy.logProbability(sa));
        }
      }
      values[s] = v;
    }
  }

  @Override
  public double[] send(long iteration, int exchange) {
    if (exchange == 0) {
      double[] direction = tracker != null ? tracker : q;
      for (int i = 0; i < outbox.length; i++) {
        outbox[i] = keep * policy.logProbability(i) + step * direction[i];
      }
    } else if (tracking) {
      for (int i = 0; i < outbox.length; i++) {
        outbox[i] = tracker[i] + qNext[i] - q[i];
      }
    } else {
      System.arraycopy(qNext, 0, outbox, 0, outbox.length);
    }
    return outbox;
  }

  @Override
  public void receive(long iteration, int exchange, double[] mixed) {
    if (exchange == 0) {
      policy = LogPolicy.fromLogits(reward.states(), actions, mixed);
      if (keepsT) {
        evaluate(iteration + 1, qNext);
      } else if (naive != NaiveVariant.FROZEN) {
        evaluate(iteration + 1, q);
      }
    } else {
      System.arraycopy(mixed, 0, tracker, 0, tracker.length);
      double[] swap = q;
      q = qNext;
      qNext = swap;
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
    tables.put("log_policy", policy.toArray());
    tables.put("q", q);
    if (tracker != null) {
      tables.put("tracker", tracker);
    }
    tables.put("values", values);
    return new AgentState(tables, samples);
  }

  @Override
  public void restore(AgentState state) {
    double[] lp = state.table("log_policy");
    policy = LogPolicy.ofNormalized(reward.states(), actions, lp);
    double[] restored = state.table("q");
    if (restored.length != q.length) {
      throw new IllegalArgumentException(
          "agent state table 'q' has " + restored.length + " entries, expected " + q.length);
    }
    System.arraycopy(restored, 0, q, 0, q.length);
    if (tracker != null) {
      System.arraycopy(state.table("tracker"), 0, tracker, 0, tracker.length);
    }
    // checkpoints written before warm starts have no values: the next solve starts cold
    java.util.Arrays.fill(values, 0.0);
    if (state.tables().containsKey("values")) {
      double[] v = state.table("values");
      if (v.length != values.length) {
        throw new IllegalArgumentException(
            "agent state table 'values' has " + v.length + " entries, expected " + values.length);
      }
      System.arraycopy(v, 0, values, 0, values.length);
    }
    samples = state.samples();
  }

  /** The current local estimate q_n^(t) (a copy). */
  public double[] localQ() {
    return q.clone();
  }

  /**
   * The current direction table T_n^(t) (a copy): FedNPG's global-Q estimate, mixed-q's W Q^(t),
   * frozen's Q_n^(0); empty for local-q and centralised NPG.
   */
  public double[] tracker() {
    return tracker != null ? tracker.clone() : new double[0];
  }

  /** The agent's private reward (for tests and diagnostics in the same process only). */
  RewardTable reward() {
    return reward;
  }
}
