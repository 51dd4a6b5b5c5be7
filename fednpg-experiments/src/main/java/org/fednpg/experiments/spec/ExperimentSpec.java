package org.fednpg.experiments.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fednpg.api.InvalidInputException;
import org.fednpg.core.plugin.ComponentRegistry.Family;
import org.fednpg.core.robust.AdversarySpec;
import org.fednpg.core.run.ComponentSpec;

/**
 * An experiment as written by a user (SPEC §9). Component blocks hold raw parameters; they are
 * validated against the providers when the run is assembled.
 *
 * @param name folder name for results (file-name safe)
 * @param seed master seed
 * @param iterations T
 * @param gamma discount override, or null
 * @param metricsEvery compute model-based metrics every k iterations
 * @param threads worker threads, or null for one per core
 * @param environment environment block
 * @param topology topology block, or null
 * @param evaluator evaluator block, or null (exact)
 * @param algorithm algorithm block
 * @param runtime runtime block, or null for the in-process default
 * @param sweep dotted path → values, in the order written; empty for a single run
 * @param adversary the adversary block (beyond the paper), or null
 */
public record ExperimentSpec(
    String name,
    long seed,
    int iterations,
    Double gamma,
    int metricsEvery,
    Integer threads,
    ComponentSpec environment,
    ComponentSpec topology,
    ComponentSpec evaluator,
    ComponentSpec algorithm,
    ComponentSpec runtime,
    Map<String, List<Object>> sweep,
    AdversarySpec adversary) {

  /** Default iterations when a spec omits them. */
  public static final int DEFAULT_ITERATIONS = 100;

  /** A spec without an adversary block. */
  public ExperimentSpec(
      String name,
      long seed,
      int iterations,
      Double gamma,
      int metricsEvery,
      Integer threads,
      ComponentSpec environment,
      ComponentSpec topology,
      ComponentSpec evaluator,
      ComponentSpec algorithm,
      ComponentSpec runtime,
      Map<String, List<Object>> sweep) {
    this(
        name,
        seed,
        iterations,
        gamma,
        metricsEvery,
        threads,
        environment,
        topology,
        evaluator,
        algorithm,
        runtime,
        sweep,
        null);
  }

  public ExperimentSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(algorithm, "algorithm");
    Map<String, List<Object>> copy = new LinkedHashMap<>();
    sweep.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    sweep = Collections.unmodifiableMap(copy);
  }

  /**
   * The same spec with command-line runtime options merged into its runtime block: {@code type}
   * (when not null) and each of {@code overrides} replace only those keys; every other key of the
   * spec's block stays (and is checked against the resulting type like any spec key).
   */
  public ExperimentSpec withRuntimeOverrides(String type, Map<String, Object> overrides) {
    Map<String, Object> params =
        new LinkedHashMap<>(runtime != null ? runtime.parameters() : Map.of());
    params.putAll(overrides);
    String t = type != null ? type : runtime != null ? runtime.type() : null;
    if (t == null) {
      throw new InvalidInputException(
          "--cluster needs --runtime pekko (the spec " + "has no runtime block)");
    }
    return withRuntime(new ComponentSpec(t, params));
  }

  /**
   * The block of one plugin family, or null when the spec has none; with {@link Family#values()}
   * this walks every block without listing the families again (a new family is a compile error here
   * until it has a block).
   */
  public ComponentSpec component(Family family) {
    return switch (family) {
      case ENVIRONMENT -> environment;
      case TOPOLOGY -> topology;
      case EVALUATOR -> evaluator;
      case ALGORITHM -> algorithm;
      case RUNTIME -> runtime;
    };
  }

  /** The same spec with another adversary block (null: none). */
  public ExperimentSpec withAdversary(AdversarySpec newAdversary) {
    return copy(runtime, newAdversary);
  }

  /** The same spec with another runtime block (e.g. from the command line). */
  public ExperimentSpec withRuntime(ComponentSpec newRuntime) {
    return copy(newRuntime, adversary);
  }

  private ExperimentSpec copy(ComponentSpec newRuntime, AdversarySpec newAdversary) {
    return new ExperimentSpec(
        name,
        seed,
        iterations,
        gamma,
        metricsEvery,
        threads,
        environment,
        topology,
        evaluator,
        algorithm,
        newRuntime,
        sweep,
        newAdversary);
  }
}
