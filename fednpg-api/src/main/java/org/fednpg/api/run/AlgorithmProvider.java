package org.fednpg.api.run;

import org.fednpg.api.ComponentProvider;

/** Plugin family for algorithms ({@code algorithm: {type: NAME, ...}}). */
public interface AlgorithmProvider extends ComponentProvider<Algorithm, AlgorithmContext> {

  /** Whether the spec must (or by default does) configure a policy evaluator. */
  default boolean requiresEvaluator() {
    return true;
  }

  /**
   * Whether {@link #create} honours {@link AlgorithmContext#hosted()}: builds only those agents
   * (reading only their rewards from the context's possibly {@link
   * org.fednpg.api.model.MultiTaskMdp#partial partial} model) and puts an {@link
   * AgentProcess#elsewhere} placeholder at every other index of {@link Algorithm#agents()}. A
   * cluster node then holds only its own agents. The default, false, makes a node build every agent
   * from the complete model and keep its own (correct, but memory is not bounded per node).
   */
  default boolean buildsHostedAgentsOnly() {
    return false;
  }
}
