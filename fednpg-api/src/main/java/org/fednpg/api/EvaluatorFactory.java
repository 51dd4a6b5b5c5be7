package org.fednpg.api;

import java.util.Map;

/** Builds another registered evaluator by name, for evaluators that wrap one (e.g. noisy). */
@FunctionalInterface
public interface EvaluatorFactory {
  PolicyEvaluator create(String type, Map<String, ?> parameters);
}
