package org.fednpg.api;

import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.QEstimate;

/**
 * Estimates a (soft) Q-function of a policy (SPEC §4). Exact, noisy and sample-based evaluators are
 * interchangeable: algorithms never know which one they hold. Implementations must be safe to call
 * from several threads at once for different agents.
 */
public interface PolicyEvaluator {

  /** Q_τ^π for the request's reward and policy (or an estimate of it). */
  QEstimate evaluate(EvaluationRequest request);

  /**
   * Writes the estimate of {@link #evaluate} into {@code out} (length |S||A|) and returns the
   * samples it used. Same numbers as {@code evaluate}; an evaluator may override it to skip the
   * intermediate {@link QEstimate} on hot paths.
   */
  default long evaluateInto(EvaluationRequest request, double[] out) {
    QEstimate q = evaluate(request);
    if (out.length != q.states() * q.actions()) {
      throw new InvalidInputException(
          "Q buffer has " + out.length + " entries, expected " + q.states() * q.actions());
    }
    q.copyInto(out);
    return q.samples();
  }

  /**
   * V_τ^π(ρ) = Σ_s ρ(s) Σ_a π(a|s) (q(s,a) − τ log π(a|s)) for the request's reward and policy.
   * This default derives it from {@link #evaluate}; an evaluator that can compute V without Q (the
   * exact one: a single linear solve) overrides it, which is what makes per-agent value metrics
   * cheap.
   *
   * @param request what to evaluate
   * @param rho the initial distribution ρ, length |S|
   * @throws InvalidInputException if {@code rho} has the wrong length
   */
  default double initialValue(EvaluationRequest request, double[] rho) {
    LogPolicy policy = request.policy();
    int states = policy.states();
    int actions = policy.actions();
    if (rho.length != states) {
      throw new InvalidInputException(
          "initial distribution has " + rho.length + " entries, expected " + states);
    }
    QEstimate q = evaluate(request);
    double tau = request.tau();
    double sum = 0;
    for (int s = 0; s < states; s++) {
      double v = 0;
      for (int a = 0; a < actions; a++) {
        double lp = policy.logProbability(s, a);
        double p = Math.exp(lp);
        if (p > 0) {
          v += p * (q.value(s, a) - tau * lp);
        }
      }
      sum += rho[s] * v;
    }
    return sum;
  }

  /**
   * {@link #evaluateInto(EvaluationRequest, double[])} with a warm start. On entry {@code values}
   * (length |S|) holds the caller's guess of V_τ^π (typically what this method returned for the
   * previous policy); an iterative evaluator may start from it. On exit it holds this evaluator's
   * V_τ^π for the request. The result must be a deterministic function of the request and the entry
   * content, so a caller that checkpoints {@code values} resumes bit for bit. This default ignores
   * the guess and derives V = Σ_a π (q − τ log π) from the estimate.
   *
   * @return the samples used
   */
  default long evaluateInto(EvaluationRequest request, double[] out, double[] values) {
    long samples = evaluateInto(request, out);
    LogPolicy policy = request.policy();
    int states = policy.states();
    int actions = policy.actions();
    if (values.length != states) {
      throw new InvalidInputException(
          "value buffer has " + values.length + " entries, expected " + states);
    }
    double tau = request.tau();
    for (int s = 0; s < states; s++) {
      double v = 0;
      for (int a = 0; a < actions; a++) {
        double lp = policy.logProbability(s, a);
        double p = Math.exp(lp);
        if (p > 0) {
          v += p * (out[s * actions + a] - tau * lp);
        }
      }
      values[s] = v;
    }
    return samples;
  }

  /**
   * {@link #initialValue(EvaluationRequest, double[])} for an iterative evaluator started from
   * {@code start} (length |S|, read only: a guess of V_τ^π). The result must be a deterministic
   * function of the request and {@code start}. This default ignores the guess.
   */
  default double initialValue(EvaluationRequest request, double[] rho, double[] start) {
    return initialValue(request, rho);
  }

  /**
   * Whether the starting guesses of the warm-start overloads can change the work done (an iterative
   * solver); callers may then order their calls to provide good guesses. Never changes what a call
   * returns beyond the determinism stated there. This default: false.
   */
  default boolean usesWarmStarts() {
    return false;
  }
}
