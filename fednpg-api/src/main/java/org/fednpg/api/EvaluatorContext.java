package org.fednpg.api;

import java.util.function.Supplier;
import org.fednpg.api.model.GenerativeModel;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.QEstimate;

/**
 * What an evaluator provider gets from the run.
 *
 * @param mdp the shared model (kernel, γ, ρ); exact evaluators solve on it
 * @param sampler sampling access for simulation-based evaluators
 * @param random the evaluator's node of the seed tree
 * @param evaluators builds a nested evaluator by name
 * @param optimalQ Q_τ* of the averaged reward at the run's τ, computed on first use by the oracle
 * @param scope objects shared through the run (one scope for every evaluator of a run)
 */
public record EvaluatorContext(
    MultiTaskMdp mdp,
    GenerativeModel sampler,
    RandomSource random,
    EvaluatorFactory evaluators,
    Supplier<QEstimate> optimalQ,
    RunScope scope) {

  /** A context with a scope of its own (nothing shared with other evaluators). */
  public EvaluatorContext(
      MultiTaskMdp mdp,
      GenerativeModel sampler,
      RandomSource random,
      EvaluatorFactory evaluators,
      Supplier<QEstimate> optimalQ) {
    this(mdp, sampler, random, evaluators, optimalQ, new RunScope());
  }
}
