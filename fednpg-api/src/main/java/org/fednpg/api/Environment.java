package org.fednpg.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.fednpg.api.model.GenerativeModel;
import org.fednpg.api.model.KernelSampler;
import org.fednpg.api.model.MultiTaskMdp;

/** A built environment: its model, a way to sample it, and what to report about it. */
public interface Environment {

  /** The multi-task MDP (shared kernel, per-agent rewards). */
  MultiTaskMdp mdp();

  /**
   * The model as a node hosting only {@code agents} needs it: the shared kernel, γ and ρ of all N
   * agents, holding the rewards of {@code agents} (a {@link MultiTaskMdp#partial partial} model;
   * the other agents' rewards need not be built). A cluster node calls this instead of {@link
   * #mdp()}, so an environment whose rewards are large or live in per-agent files builds only its
   * node's share.
   *
   * <p>The default builds the whole model with {@link #mdp()} and keeps the rewards of {@code
   * agents} (correct, but a node then holds every reward while building: plugins that want bounded
   * memory per node override it). The built-in environments build only the agents asked for.
   *
   * @param agents agent indices in [0, N)
   */
  default MultiTaskMdp mdpFor(Set<Integer> agents) {
    return mdp().restrictedTo(agents);
  }

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
