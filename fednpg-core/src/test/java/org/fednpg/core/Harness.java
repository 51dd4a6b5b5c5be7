package org.fednpg.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.fednpg.api.Parameters;
import org.fednpg.api.RandomSource;
import org.fednpg.api.Topology;
import org.fednpg.api.model.KernelSampler;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.run.Algorithm;
import org.fednpg.api.run.AlgorithmContext;
import org.fednpg.api.run.AlgorithmProvider;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.api.run.RunListener;
import org.fednpg.core.metrics.MetricsCalculator;
import org.fednpg.core.oracle.ValueIteration;
import org.fednpg.core.runtime.InProcessRuntime;
import org.fednpg.core.runtime.RunOptions;

/** Runs an NPG-family algorithm on a model with the dense test evaluator. */
public final class Harness {

  private Harness() {}

  /** Builds the algorithm with the dense evaluator. */
  public static Algorithm build(
      AlgorithmProvider provider, MultiTaskMdp mdp, Topology topology, double eta, double tau) {
    Parameters p =
        Parameters.resolve(
            "algorithm",
            provider.parameters(),
            java.util.Map.of("eta", eta, "tau", tau),
            java.nio.file.Path.of("."));
    return provider.create(
        p,
        new AlgorithmContext(
            mdp,
            new KernelSampler(mdp),
            topology,
            new DenseEvaluator(mdp),
            RandomSource.of(1),
            null));
  }

  /** Runs and returns every metrics row; {@code afterEach} sees the algorithm after each row. */
  public static List<IterationMetrics> run(
      Algorithm algorithm,
      MultiTaskMdp mdp,
      Topology topology,
      int iterations,
      double tau,
      int threads,
      Consumer<IterationMetrics> afterEach) {
    MetricsCalculator metrics =
        new MetricsCalculator(mdp, new DenseEvaluator(mdp), tau, ValueIteration.solve(mdp, tau));
    List<IterationMetrics> rows = new ArrayList<>();
    new InProcessRuntime()
        .run(
            algorithm,
            topology,
            metrics,
            new RunOptions(iterations, 1, threads),
            new RunListener() {
              @Override
              public void onIteration(IterationMetrics m) {
                rows.add(m);
                afterEach.accept(m);
              }
            });
    return rows;
  }
}
