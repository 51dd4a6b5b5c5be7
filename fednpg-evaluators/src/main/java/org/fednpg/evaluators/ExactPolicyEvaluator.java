package org.fednpg.evaluators;

import org.fednpg.api.EvaluationRequest;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.QEstimate;
import org.fednpg.api.model.RewardTable;

/**
 * The {@code exact} evaluator: Q_τ^π by a sparse linear solve on the model (SPEC §4), through a
 * {@link BellmanSolver} built once for the MDP's kernel. Deterministic and thread-safe.
 */
public final class ExactPolicyEvaluator implements PolicyEvaluator {

  private final MultiTaskMdp mdp;
  private final BellmanSolver solver;

  public ExactPolicyEvaluator(MultiTaskMdp mdp) {
    this.mdp = mdp;
    this.solver = BellmanSolver.of(mdp.kernel());
  }

  @Override
  public QEstimate evaluate(EvaluationRequest request) {
    return solver.evaluate(mdp.gamma(), request.reward(), request.policy(), request.tau())
        .toQEstimate();
  }

  /** V_τ^π and Q_τ^π of {@code policy} for {@code reward} on {@code mdp} (γ from the MDP). */
  public static PolicyEvaluation evaluate(
      MultiTaskMdp mdp, RewardTable reward, LogPolicy policy, double tau) {
    return BellmanSolver.of(mdp.kernel()).evaluate(mdp.gamma(), reward, policy, tau);
  }

  /** V_τ^π (length |S|) of {@code policy} for {@code reward} on {@code mdp}. */
  public static double[] values(MultiTaskMdp mdp, RewardTable reward, LogPolicy policy, double tau) {
    double[] v = new double[mdp.states()];
    BellmanSolver.of(mdp.kernel()).values(mdp.gamma(), reward, policy, tau, v);
    return v;
  }

  /** V_τ^π(ρ) with the MDP's initial distribution ρ. */
  public static double initialValue(
      MultiTaskMdp mdp, RewardTable reward, LogPolicy policy, double tau) {
    return BellmanSolver.of(mdp.kernel())
        .value(mdp.gamma(), reward, policy, tau, mdp.initialCopy());
  }

  static void checkShape(MultiTaskMdp mdp, EvaluationRequest request) {
    if (request.reward().states() != mdp.states() || request.reward().actions() != mdp.actions()) {
      throw new InvalidInputException("reward is " + request.reward().states() + "x"
          + request.reward().actions() + " but the MDP has " + mdp.states() + " states and "
          + mdp.actions() + " actions");
    }
    if (request.policy().states() != mdp.states() || request.policy().actions() != mdp.actions()) {
      throw new InvalidInputException("policy is " + request.policy().states() + "x"
          + request.policy().actions() + " but the MDP has " + mdp.states() + " states and "
          + mdp.actions() + " actions");
    }
  }
}
