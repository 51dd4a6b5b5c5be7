package org.fednpg.api;

import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;

/**
 * One call to a {@link PolicyEvaluator}: estimate Q_τ^π for {@code reward} under {@code policy}.
 * {@code agent} and {@code iteration} key the random stream of a stochastic evaluator, so results
 * do not depend on call order or threads. The metrics use agent index −1.
 *
 * @param agent the agent asking (or −1 for diagnostics)
 * @param iteration the algorithm iteration t
 * @param reward the reward to evaluate
 * @param policy the policy to evaluate
 * @param tau entropy regularisation τ ≥ 0
 */
public record EvaluationRequest(
    int agent, long iteration, RewardTable reward, LogPolicy policy, double tau) {

  public EvaluationRequest {
    if (!(tau >= 0) || Double.isInfinite(tau)) {
      throw new InvalidInputException("tau must be finite and >= 0, got " + tau);
    }
    if (reward.states() != policy.states() || reward.actions() != policy.actions()) {
      throw new InvalidInputException(
          "reward is "
              + reward.states()
              + "x"
              + reward.actions()
              + " but policy is "
              + policy.states()
              + "x"
              + policy.actions());
    }
  }

  /**
   * The check every evaluator makes before it computes: the request's reward and policy are {@code
   * states × actions}, the shape of the model the evaluator was built on.
   *
   * @throws InvalidInputException naming both shapes otherwise
   */
  public EvaluationRequest requireShape(int states, int actions) {
    if (reward.states() != states || reward.actions() != actions) {
      throw new InvalidInputException(
          "evaluation request is "
              + reward.states()
              + "x"
              + reward.actions()
              + " (reward and policy) but the evaluator's model has "
              + states
              + " states and "
              + actions
              + " actions");
    }
    return this;
  }

  /** {@link #requireShape(int, int)} for the shape of {@code mdp}. */
  public EvaluationRequest requireShape(MultiTaskMdp mdp) {
    return requireShape(mdp.states(), mdp.actions());
  }

  /** Convenience for a diagnostic evaluation. */
  public static EvaluationRequest of(RewardTable reward, LogPolicy policy, double tau) {
    return new EvaluationRequest(-1, 0, reward, policy, tau);
  }
}
