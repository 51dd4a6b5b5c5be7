package org.fednpg.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
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

  /**
   * Extra facts recorded in a run manifest (e.g. the drawn path, the reward model). The cluster
   * compares them between nodes, written canonically (keys sorted, numbers exact), so any map type
   * will do, but the values must be deterministic: the same spec gives the same facts in every JVM
   * (numbers, strings, booleans, lists, maps; no identity hash codes or timestamps).
   */
  default Map<String, Object> manifestInfo() {
    return Map.of();
  }

  /** An environment that is just a model, described by its {@code toString}. */
  static Environment of(MultiTaskMdp mdp) {
    return of(mdp, Map.of());
  }

  /**
   * An environment from a model and its manifest facts (see {@link #manifestInfo()}), sampled by
   * the default {@link KernelSampler}.
   */
  static Environment of(MultiTaskMdp mdp, Map<String, Object> manifestInfo) {
    Objects.requireNonNull(mdp, "mdp");
    Map<String, Object> info = Collections.unmodifiableMap(new LinkedHashMap<>(manifestInfo));
    return new Environment() {
      @Override
      public MultiTaskMdp mdp() {
        return mdp;
      }

      @Override
      public Map<String, Object> manifestInfo() {
        return info;
      }
    };
  }
}
