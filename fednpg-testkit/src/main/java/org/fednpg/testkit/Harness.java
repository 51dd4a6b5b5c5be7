package org.fednpg.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fednpg.api.Environment;
import org.fednpg.api.Topology;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.run.Algorithm;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.plugin.ComponentRegistry;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.run.AssembledRun;
import org.fednpg.core.run.ComponentSpec;
import org.fednpg.core.run.RunAssembler;
import org.fednpg.core.run.RunRequest;
import org.fednpg.core.runtime.Checkpoint;
import org.fednpg.core.runtime.CheckpointPolicy;
import org.fednpg.core.runtime.InProcessRuntime;
import org.fednpg.core.runtime.RunOptions;

/**
 * Runs a small experiment in-process from a plugin's own tests, through the same registry,
 * assembler and runtime as {@code fednpg run}, so that a test needs none of the internal classes.
 *
 * <pre>{@code
 * Harness.Result r = new Harness().run(Harness.Spec.of("garnet", "my-algorithm")
 *     .environment("garnet", "states", 6, "agents", 3)
 *     .algorithm("my-algorithm", "eta", 0.1)
 *     .iterations(20));
 * assertThat(r.last().optimalityGap()).isLessThan(1e-3);
 * }</pre>
 *
 * <p>Every provider on the test class path is visible (the plugin's own, registered in its {@code
 * META-INF/services}, and the built-ins the kit brings along).
 */
public final class Harness {

  private final ComponentRegistry registry;

  /** A harness over every provider on this class's class loader. */
  public Harness() {
    this(Plugins.registry(Harness.class.getClassLoader()));
  }

  /** A harness over the providers visible to {@code loader}. */
  public Harness(ClassLoader loader) {
    this(Plugins.registry(loader));
  }

  private Harness(ComponentRegistry registry) {
    this.registry = registry;
  }

  /**
   * One component choice: a provider name and raw parameters, as a spec's {@code type:} block.
   *
   * @param type the provider name
   * @param parameters raw values (integers, numbers, booleans, strings) by parameter name
   */
  public record Component(String type, Map<String, Object> parameters) {

    public Component {
      Objects.requireNonNull(type, "type");
      parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A component from a type and alternating key, value pairs. */
    public static Component of(String type, Object... keyValues) {
      if (keyValues.length % 2 != 0) {
        throw new IllegalArgumentException("key/value pairs expected, got " + keyValues.length);
      }
      Map<String, Object> m = new LinkedHashMap<>();
      for (int i = 0; i < keyValues.length; i += 2) {
        m.put((String) keyValues[i], keyValues[i + 1]);
      }
      return new Component(type, m);
    }

    ComponentSpec toSpec() {
      return new ComponentSpec(type, parameters);
    }
  }

  /**
   * A single run: components, master seed, iterations and worker threads.
   *
   * @param seed master seed
   * @param environment environment choice
   * @param topology topology choice, or null for an algorithm that does not communicate
   * @param evaluator evaluator choice, or null (then {@code exact} when the algorithm needs one)
   * @param algorithm algorithm choice
   * @param iterations iterations to run (T)
   * @param threads worker threads of the in-process runtime
   * @param baseDirectory folder that relative path parameters resolve against
   */
  public record Spec(
      long seed,
      Component environment,
      Component topology,
      Component evaluator,
      Component algorithm,
      int iterations,
      int threads,
      Path baseDirectory) {

    public Spec {
      Objects.requireNonNull(environment, "environment");
      Objects.requireNonNull(algorithm, "algorithm");
      Objects.requireNonNull(baseDirectory, "baseDirectory");
    }

    /**
     * A spec with default parameters for both components, a {@code ring} topology, the default
     * evaluator, seed 1, 5 iterations and one thread.
     */
    public static Spec of(String environment, String algorithm) {
      return new Spec(
          1,
          Component.of(environment),
          Component.of("ring"),
          null,
          Component.of(algorithm),
          5,
          1,
          Path.of("."));
    }

    public Spec seed(long value) {
      return new Spec(
          value, environment, topology, evaluator, algorithm, iterations, threads, baseDirectory);
    }

    public Spec environment(String type, Object... keyValues) {
      return new Spec(
          seed,
          Component.of(type, keyValues),
          topology,
          evaluator,
          algorithm,
          iterations,
          threads,
          baseDirectory);
    }

    /** The topology; {@code null} type for none. */
    public Spec topology(String type, Object... keyValues) {
      return new Spec(
          seed,
          environment,
          type == null ? null : Component.of(type, keyValues),
          evaluator,
          algorithm,
          iterations,
          threads,
          baseDirectory);
    }

    /** The evaluator; {@code null} type for the default. */
    public Spec evaluator(String type, Object... keyValues) {
      return new Spec(
          seed,
          environment,
          topology,
          type == null ? null : Component.of(type, keyValues),
          algorithm,
          iterations,
          threads,
          baseDirectory);
    }

    public Spec algorithm(String type, Object... keyValues) {
      return new Spec(
          seed,
          environment,
          topology,
          evaluator,
          Component.of(type, keyValues),
          iterations,
          threads,
          baseDirectory);
    }

    public Spec algorithm(Component value) {
      return new Spec(
          seed, environment, topology, evaluator, value, iterations, threads, baseDirectory);
    }

    public Spec iterations(int value) {
      return new Spec(
          seed, environment, topology, evaluator, algorithm, value, threads, baseDirectory);
    }

    public Spec threads(int value) {
      return new Spec(
          seed, environment, topology, evaluator, algorithm, iterations, value, baseDirectory);
    }

    public Spec baseDirectory(Path value) {
      return new Spec(
          seed, environment, topology, evaluator, algorithm, iterations, threads, value);
    }
  }

  /**
   * The components of a spec, built but not run.
   *
   * @param environment the environment
   * @param mdp its model
   * @param topology the topology, or null
   * @param algorithm the algorithm, agents not yet initialised
   * @param resolved the validated parameters of every component, by family label
   */
  public record Built(
      Environment environment,
      MultiTaskMdp mdp,
      Topology topology,
      Algorithm algorithm,
      Map<String, Map<String, Object>> resolved) {}

  /**
   * A finished run.
   *
   * @param rows every metrics row, iteration 0 first
   * @param algorithm the algorithm after the run (its agents hold the final state)
   * @param checkpoints the checkpoints saved during the run, if asked for
   */
  public record Result(
      List<IterationMetrics> rows, Algorithm algorithm, List<Checkpoint> checkpoints) {

    /** The last row. */
    public IterationMetrics last() {
      return rows.get(rows.size() - 1);
    }
  }

  /** Builds the components of {@code spec} (bad parameters fail here, as in the CLI). */
  public Built build(Spec spec) {
    AssembledRun run = assemble(spec);
    Map<String, Map<String, Object>> resolved = new LinkedHashMap<>();
    run.resolved().forEach((k, v) -> resolved.put(k, v.asMap()));
    return new Built(run.environment(), run.mdp(), run.topology(), run.algorithm(), resolved);
  }

  /** Runs {@code spec} and returns every metrics row. */
  public Result run(Spec spec) {
    return run(spec, 0, null);
  }

  /**
   * Runs {@code spec} saving a checkpoint after every {@code checkpointEvery} iterations (0: none)
   * and, when {@code resumeFrom} is given, continuing from it (earlier rows are not repeated).
   */
  public Result run(Spec spec, int checkpointEvery, Checkpoint resumeFrom) {
    AssembledRun run = assemble(spec);
    List<IterationMetrics> rows = new ArrayList<>();
    List<Checkpoint> saved = new ArrayList<>();
    CheckpointPolicy checkpoints =
        checkpointEvery == 0 && resumeFrom == null
            ? CheckpointPolicy.NONE
            : new CheckpointPolicy(checkpointEvery, saved::add, resumeFrom);
    new InProcessRuntime()
        .run(
            run.algorithm(),
            run.topology(),
            run.metrics(),
            new RunOptions(spec.iterations(), 1, spec.threads()),
            rows::add,
            checkpoints);
    return new Result(List.copyOf(rows), run.algorithm(), List.copyOf(saved));
  }

  /** A row without its wall-clock field, for bit-for-bit comparisons of two runs. */
  public static IterationMetrics withoutTiming(IterationMetrics m) {
    return new IterationMetrics(
        m.iteration(),
        m.value(),
        m.optimalityGap(),
        m.qError(),
        m.consensus(),
        m.agentValueMin(),
        m.agentValueMean(),
        0,
        m.samples(),
        m.bytesSent(),
        m.messages(),
        m.honestTrackingDrift());
  }

  /** {@link #withoutTiming} of every row. */
  public static List<IterationMetrics> withoutTiming(List<IterationMetrics> rows) {
    return rows.stream().map(Harness::withoutTiming).toList();
  }

  private AssembledRun assemble(Spec spec) {
    return new RunAssembler(registry)
        .assemble(
            new RunRequest(
                spec.seed(),
                null,
                spec.environment().toSpec(),
                spec.topology() == null ? null : spec.topology().toSpec(),
                spec.evaluator() == null ? null : spec.evaluator().toSpec(),
                spec.algorithm().toSpec(),
                spec.baseDirectory()));
  }

  /** The registry the harness builds from (for listing what is visible). */
  ComponentRegistry registry() {
    return registry;
  }
}
