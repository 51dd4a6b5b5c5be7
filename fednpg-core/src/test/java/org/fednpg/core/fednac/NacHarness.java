package org.fednpg.core.fednac;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.fednpg.api.EvaluatorFactory;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.Parameters;
import org.fednpg.api.RandomSource;
import org.fednpg.api.Topology;
import org.fednpg.api.model.KernelSampler;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.run.AlgorithmContext;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.DenseEvaluator;
import org.fednpg.core.Harness;
import org.fednpg.core.plugin.Plugins;

/** Builds FedNAC runs for tests: the dense test evaluator stands in for the registry's "exact". */
final class NacHarness {

  private NacHarness() {}

  /** An evaluator factory that only knows "exact", answered by {@link DenseEvaluator}. */
  static EvaluatorFactory denseFactory(MultiTaskMdp mdp) {
    return (type, params) -> {
      if (!type.equals("exact")) {
        throw new InvalidInputException("test factory has no evaluator '" + type + "'");
      }
      return new DenseEvaluator(mdp);
    };
  }

  /** Validates {@code raw} against the provider's specs, like the registry does. */
  static Parameters parameters(Map<String, ?> raw) {
    return Parameters.resolve(
        "algorithm 'fednac'", new FedNacProvider().parameters(), raw, Path.of("."));
  }

  /**
   * Builds FedNAC {@code variant: ours} (our reconstruction, the behaviour these tests were written
   * for before the paper variant became the default): {@code variant: ours} is added when {@code
   * raw} names no variant.
   */
  static FedNacAlgorithm build(Map<String, ?> raw, MultiTaskMdp mdp, Topology topology, long seed) {
    Map<String, Object> withVariant = new java.util.LinkedHashMap<>(raw);
    withVariant.putIfAbsent("variant", "ours");
    return (FedNacAlgorithm) create(withVariant, mdp, topology, seed);
  }

  /** Builds FedNAC exactly as the registry would from {@code raw} (default variant: paper). */
  static org.fednpg.api.run.Algorithm create(
      Map<String, ?> raw, MultiTaskMdp mdp, Topology topology, long seed) {
    return new FedNacProvider()
        .create(
            parameters(raw),
            new AlgorithmContext(
                mdp,
                new KernelSampler(mdp),
                topology,
                null,
                RandomSource.of(seed).child("algorithm"),
                denseFactory(mdp)));
  }

  /** Builds the paper variant (Algorithms 3–5) from {@code raw} ({@code variant} may be absent). */
  static FedNacPaperAlgorithm paper(
      Map<String, ?> raw, MultiTaskMdp mdp, Topology topology, long seed) {
    return (FedNacPaperAlgorithm) create(raw, mdp, topology, seed);
  }

  /** Runs through the in-process runtime and returns every metrics row. */
  static List<IterationMetrics> run(
      org.fednpg.api.run.Algorithm alg,
      MultiTaskMdp mdp,
      Topology topology,
      int iterations,
      double tau,
      Consumer<IterationMetrics> afterEach) {
    return Harness.run(alg, mdp, topology, iterations, tau, 2, afterEach);
  }

  /** The paper GridWorld from the registry (fednpg-envs is a test dependency). */
  static MultiTaskMdp gridworld(int size, int agents, double gamma) {
    var provider = Plugins.registry().environment("gridworld");
    Parameters p =
        Parameters.resolve(
            "environment 'gridworld'",
            provider.parameters(),
            Map.of("size", size, "agents", agents, "gamma", gamma),
            Path.of("."));
    return provider
        .create(p, new org.fednpg.api.EnvironmentContext(RandomSource.of(7).child("environment")))
        .mdp();
  }
}
