package org.fednpg.api;

/** Plugin family for policy evaluators ({@code evaluator: {type: NAME, ...}}). */
public interface PolicyEvaluatorProvider
    extends ComponentProvider<PolicyEvaluator, EvaluatorContext> {}
