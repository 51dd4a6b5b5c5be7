package org.fednpg.api;

import org.fednpg.api.model.QEstimate;

/**
 * Estimates a (soft) Q-function of a policy (SPEC §4). Exact, noisy and sample-based evaluators
 * are interchangeable: algorithms never know which one they hold. Implementations must be safe to
 * call from several threads at once for different agents.
 */
public interface PolicyEvaluator {

  /** Q_τ^π for the request's reward and policy (or an estimate of it). */
  QEstimate evaluate(EvaluationRequest request);
}
