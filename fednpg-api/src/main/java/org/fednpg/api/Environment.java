package org.fednpg.api;

import java.util.Map;
import org.fednpg.api.model.GenerativeModel;
import org.fednpg.api.model.KernelSampler;
import org.fednpg.api.model.MultiTaskMdp;

/** A built environment: its model, a way to sample it, and what to report about it. */
public interface Environment {

  /** The multi-task MDP (shared kernel, per-agent rewards). */
  MultiTaskMdp mdp();

  /** Sampling access; by default bisection over cumulative rows of {@link #mdp()}. */
  default GenerativeModel generativeModel() {
    return new KernelSampler(mdp());
  }

  /** Human-readable description (sizes, layout, maps), several lines allowed. */
  default String describe() {
    return mdp().toString();
  }

  /** Extra facts recorded in a run manifest (e.g. the drawn path, the reward model). */
  default Map<String, Object> manifestInfo() {
    return Map.of();
  }
}
