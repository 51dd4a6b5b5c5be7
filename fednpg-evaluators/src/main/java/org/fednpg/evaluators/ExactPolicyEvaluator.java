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
 * {@link BellmanSolver} for the MDP's kernel (shared through the run by the provider). Every solve
 * is certified to {@link BellmanSolver#RESIDUAL_LIMIT}. Deterministic and thread-safe.
 */
public final class ExactPolicyEvaluator implements PolicyEvaluator {

  private final MultiTaskMdp mdp;
  private final BellmanSolver solver;

  /** An evaluator with a solver of its own. */
  public ExactPolicyEvaluator(MultiTaskMdp mdp) {
    this(mdp, new BellmanSolver(mdp.kernel()));
  }

  /**
   * An evaluator on {@code solver}, which must have been built for {@code mdp}'s kernel.
   *
   * @throws InvalidInputException if it was built for another kernel
   */
  public ExactPolicyEvaluator(MultiTaskMdp mdp, BellmanSolver solver) {
    if (solver.kernel() != mdp.kernel()) {
      throw new InvalidInputException("the solver was built for another transition kernel");
    }
    this.mdp = mdp;
    this.solver = solver;
  }

  /** The solver (for its statistics). */
  public BellmanSolver solver() {
    return solver;
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

  /**
   * Q into {@code out} and V into {@code values}, the solve warm-started from {@code values}. When
   * the run's metrics have been asking for this agent's policies on another reward (r̄), that
   * reward is solved in the same pass from a cold start and kept for them ({@link Companions}): no
   * number changes, the metrics' solve is just done already.
   */
  @Override
  public long evaluateInto(EvaluationRequest request, double[] out, double[] values) {
    Companions companions = solver.companions();
    RewardTable other =
        request.agent() < 0
            ? null
            : companions.companionFor(request.agent(), request.reward(), request.tau());
    double[] otherValues = null;
    if (other == null) {
      solver.qInto(
          mdp.gamma(),
          request.reward(),
          request.policy(),
          request.tau(),
          BellmanSolver.RESIDUAL_LIMIT,
          out,
          values);
    } else {
      otherValues = new double[mdp.states()];
      solver.qInto(
          mdp.gamma(),
          request.reward(),
          request.policy(),
          request.tau(),
          BellmanSolver.RESIDUAL_LIMIT,
          out,
          values,
          other,
          otherValues);
    }
    if (request.agent() >= 0) {
      companions.record(
          request.agent(), request.policy(), mdp.gamma(), request.tau(), other, otherValues);
    }
    return 0;
  }

  /**
   * V_τ^π(ρ) from one cold solve for V, without forming Q; answered from the values solved along
   * with an agent's own evaluation of the same policy when there are any (the same numbers).
   */
  @Override
  public double initialValue(EvaluationRequest request, double[] rho) {
    double[] kept =
        solver.companions().take(request.policy(), request.reward(), mdp.gamma(), request.tau());
    if (kept != null) {
      if (rho.length != kept.length) {
        throw new InvalidInputException(
            "initial distribution has " + rho.length + " entries, expected " + kept.length);
      }
      return BellmanSolver.weighted(rho, kept);
    }
    return solver.value(mdp.gamma(), request.reward(), request.policy(), request.tau(), rho);
  }

  /** V_τ^π(ρ) from one solve for V started from {@code start}. */
  @Override
  public double initialValue(EvaluationRequest request, double[] rho, double[] start) {
    return solver.value(
        mdp.gamma(),
        request.reward(),
        request.policy(),
        request.tau(),
        BellmanSolver.RESIDUAL_LIMIT,
        start,
        rho);
  }

  /** True when the model has a component solved iteratively (above the dense limit). */
  @Override
  public boolean usesWarmStarts() {
    return solver.usesWarmStarts();
  }

  /**
   * V_τ^π and Q_τ^π of {@code policy} for {@code reward} on {@code mdp} (γ from the MDP). Builds a
   * solver for the call: for repeated use, keep a {@link BellmanSolver}.
   */
  public static PolicyEvaluation evaluate(
      MultiTaskMdp mdp, RewardTable reward, LogPolicy policy, double tau) {
    return new BellmanSolver(mdp.kernel()).evaluate(mdp.gamma(), reward, policy, tau);
  }

  /** V_τ^π (length |S|) of {@code policy} for {@code reward} on {@code mdp} (one-off solver). */
  public static double[] values(
      MultiTaskMdp mdp, RewardTable reward, LogPolicy policy, double tau) {
    double[] v = new double[mdp.states()];
    new BellmanSolver(mdp.kernel()).values(mdp.gamma(), reward, policy, tau, v);
    return v;
  }

  /** V_τ^π(ρ) with the MDP's initial distribution ρ (one-off solver). */
  public static double initialValue(
      MultiTaskMdp mdp, RewardTable reward, LogPolicy policy, double tau) {
    return new BellmanSolver(mdp.kernel())
        .value(mdp.gamma(), reward, policy, tau, mdp.initialCopy());
  }
}
