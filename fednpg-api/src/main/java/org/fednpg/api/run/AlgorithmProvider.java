package org.fednpg.api.run;

import org.fednpg.api.ComponentProvider;

/** Plugin family for algorithms ({@code algorithm: {type: NAME, ...}}). */
public interface AlgorithmProvider extends ComponentProvider<Algorithm, AlgorithmContext> {

  /** Whether the spec must (or by default does) configure a policy evaluator. */
  default boolean requiresEvaluator() {
    return true;
  }
}
