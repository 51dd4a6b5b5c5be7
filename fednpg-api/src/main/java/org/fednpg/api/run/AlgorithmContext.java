package org.fednpg.api.run;

import org.fednpg.api.EvaluatorFactory;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.RandomSource;
import org.fednpg.api.Topology;
import org.fednpg.api.model.GenerativeModel;
import org.fednpg.api.model.MultiTaskMdp;

/**
 * What an algorithm provider gets from the run.
 *
 * @param mdp the environment's model (γ already overridden by the spec when asked)
 * @param sampler sampling access to the environment
 * @param topology the communication graph and its weights
 * @param evaluator the spec's evaluator; null when the spec has none (see {@code
 *     requiresEvaluator})
 * @param random the algorithm's node of the seed tree
 * @param evaluators builds other registered evaluators by name
 */
public record AlgorithmContext(
    MultiTaskMdp mdp,
    GenerativeModel sampler,
    Topology topology,
    PolicyEvaluator evaluator,
    RandomSource random,
    EvaluatorFactory evaluators) {}
