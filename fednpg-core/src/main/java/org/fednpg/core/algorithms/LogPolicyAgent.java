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
 * A base for the common agent shape "a log-policy and a local Q estimate of it": it holds the
 * private reward, the policy π_n, the buffer q_n, the evaluator and the samples counter, and does
 * {@link #initialize}, {@link #policy}, {@link #samples}, {@link #snapshot} and {@link #restore}. A
 * subclass writes only {@link #send} and {@link #receive}, calling {@link #updatePolicy} and {@link
 * #evaluate} there, and adds its own tables to checkpoints through {@link #extraTables} and {@link
 * #restoreExtra}.
 */
public abstract class LogPolicyAgent implements AgentProcess {

  /** Agent index (keys the evaluator's random stream). */
  protected final int id;

  /** This agent's private reward. */
  protected final RewardTable reward;

  /** Estimates Q of the current policy. */
  protected final PolicyEvaluator evaluator;

  /** Entropy regularisation τ of the evaluations. */
  protected final double tau;

  /** q_n: the estimate of Q_τ^{π_n} from the last {@link #evaluate}, |S|·|A| entries. */
  protected final double[] q;

  private LogPolicy policy;
  private long samples;

  /**
   * @param id agent index
   * @param reward this agent's private reward
   * @param evaluator estimates Q of a policy
   * @param initial π_n^(0), of the reward's shape
   * @param tau entropy regularisation τ ≥ 0
   */
  protected LogPolicyAgent(
      int id, RewardTable reward, PolicyEvaluator evaluator, LogPolicy initial, double tau) {
    if (initial.states() != reward.states() || initial.actions() != reward.actions()) {
      throw new IllegalArgumentException(
          "initial policy is "
              + initial.states()
              + "x"
              + initial.actions()
              + " but the reward is "
              + reward.states()
              + "x"
              + reward.actions());
    }
    this.id = id;
    this.reward = reward;
    this.evaluator = evaluator;
    this.tau = tau;
    this.policy = initial;
    this.q = new double[reward.states() * reward.actions()];
  }

  /** Evaluates π_n^(0) into {@link #q}. */
  @Override
  public void initialize() {
    evaluate(0);
  }

  /**
   * Evaluates the current policy into {@link #q} for {@code iteration} (which keys a stochastic
   * evaluator's stream) and counts the samples used.
   */
  protected final void evaluate(long iteration) {
    samples += evaluator.evaluateInto(new EvaluationRequest(id, iteration, reward, policy, tau), q);
  }

  /** π_n ← softmax of {@code logits} per state (|S|·|A| entries, not modified). */
  protected final void updatePolicy(double[] logits) {
    policy = LogPolicy.fromLogits(reward.states(), reward.actions(), logits);
  }

  @Override
  public final LogPolicy policy() {
    return policy;
  }

  @Override
  public final long samples() {
    return samples;
  }

  /** Tables besides the policy and q that a checkpoint must keep (none by default). */
  protected Map<String, double[]> extraTables() {
    return Map.of();
  }

  /** Restores the tables of {@link #extraTables} from a state (nothing by default). */
  protected void restoreExtra(AgentState state) {}

  @Override
  public final AgentState snapshot() {
    Map<String, double[]> tables = new LinkedHashMap<>();
    tables.put("log_policy", policy.toArray());
    tables.put("q", q);
    tables.putAll(extraTables());
    return new AgentState(tables, samples);
  }

  @Override
  public final void restore(AgentState state) {
    double[] lp = state.table("log_policy");
    double[] restored = state.table("q");
    if (lp.length != q.length || restored.length != q.length) {
      throw new IllegalArgumentException(
          "agent state has tables of "
              + lp.length
              + " and "
              + restored.length
              + " entries, expected "
              + q.length);
    }
    policy = LogPolicy.ofNormalized(reward.states(), reward.actions(), lp);
    System.arraycopy(restored, 0, q, 0, q.length);
    restoreExtra(state);
    samples = state.samples();
  }
}
