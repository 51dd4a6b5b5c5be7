package org.fednpg.core.run;

import java.util.Map;
import org.fednpg.api.Environment;
import org.fednpg.api.Parameters;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.Topology;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.run.Algorithm;
import org.fednpg.core.metrics.MetricsCalculator;
import org.fednpg.core.oracle.OptimalSolution;

/**
 * A run ready to execute, with the resolved parameters of every component (defaults filled in).
 *
 * @param environment the environment
 * @param mdp its model with the spec's γ applied
 * @param topology the topology, or null when the algorithm does not communicate
 * @param evaluator the evaluator the agents use, or null
 * @param algorithm the algorithm
 * @param optimum the oracle's solution for r̄ at the algorithm's τ; null on a cluster node
 *     (node-local assembly builds no oracle)
 * @param metrics computes the metrics rows; null on a cluster node
 * @param resolved resolved parameters per family label ("environment", "topology", ...)
 */
public record AssembledRun(
    Environment environment,
    MultiTaskMdp mdp,
    Topology topology,
    PolicyEvaluator evaluator,
    Algorithm algorithm,
    OptimalSolution optimum,
    MetricsCalculator metrics,
    Map<String, Parameters> resolved) {}
