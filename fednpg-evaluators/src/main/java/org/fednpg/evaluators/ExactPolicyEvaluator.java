package org.fednpg.evaluators;

import org.fednpg.api.EvaluationRequest;
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
    return solver.q(mdp.gamma(), request.reward(), request.policy(), request.tau());
  }

  /** Q written straight into {@code out}, no intermediate estimate (0 samples). */
  @Override
  public long evaluateInto(EvaluationRequest request, double[] out) {
    solver.qInto(mdp.gamma(), request.reward(), request.policy(), request.tau(), out);
    return 0;
  }

  /** V_τ^π(ρ) from one solve for V, without forming Q. */
  @Override
  public double initialValue(EvaluationRequest request, double[] rho) {
    return solver.value(mdp.gamma(), request.reward(), request.policy(), request.tau(), rho);
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
}
