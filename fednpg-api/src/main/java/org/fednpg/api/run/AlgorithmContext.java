package org.fednpg.api.run;

import java.util.Set;
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
 * @param hosted the agents to build, or null for all of them (see {@link
 *     AlgorithmProvider#buildsHostedAgentsOnly()}); when not null, {@code mdp} may be a {@link
 *     MultiTaskMdp#partial partial} model holding the rewards of these agents only
 */
public record AlgorithmContext(
    MultiTaskMdp mdp,
    GenerativeModel sampler,
    Topology topology,
    PolicyEvaluator evaluator,
    RandomSource random,
    EvaluatorFactory evaluators,
    Set<Integer> hosted) {

  /** A context that builds every agent (the in-process runtime's, and plugins' before issue 19). */
  public AlgorithmContext(
      MultiTaskMdp mdp,
      GenerativeModel sampler,
      Topology topology,
      PolicyEvaluator evaluator,
      RandomSource random,
      EvaluatorFactory evaluators) {
    this(mdp, sampler, topology, evaluator, random, evaluators, null);
  }

  /** Whether agent {@code agent} is to be built (always, when {@link #hosted} is null). */
  public boolean builds(int agent) {
    return hosted == null || hosted.contains(agent);
  }
}
