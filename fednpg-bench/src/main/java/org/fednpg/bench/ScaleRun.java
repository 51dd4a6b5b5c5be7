package org.fednpg.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.api.run.RunListener;
import org.fednpg.core.run.AssembledRun;
import org.fednpg.core.runtime.InProcessRuntime;
import org.fednpg.core.runtime.RunOptions;
import org.fednpg.core.runtime.RunResult;
import org.fednpg.evaluators.BellmanSolver;
import org.fednpg.evaluators.ExactPolicyEvaluator;

/**
 * Runs one scenario end to end in this JVM and reports ms per iteration (after a warm-up run), the
 * per-phase profile and the peak heap. A measuring tool, so it prints its report to stdout.
 *
 * <pre>
 * java -cp fednpg-bench/target/benchmarks.jar org.fednpg.bench.ScaleRun \
 *     SCENARIO ITERATIONS [THREADS [METRICS_EVERY [WARMUP_ITERATIONS [TAU]]]]
 * </pre>
 *
 * SCENARIO is {@code gridworld:K:N} or {@code garnet:S:A:b:N}.
 */
public final class ScaleRun {

  private static final RunListener NO_LISTENER = row -> {};

  private ScaleRun() {}

  /** See the class comment for the arguments. */
  public static void main(String[] args) {
    if (args.length < 2) {
      throw new IllegalArgumentException(
          "usage: ScaleRun SCENARIO ITERATIONS [THREADS [METRICS_EVERY [WARMUP [TAU]]]]");
    }
    String scenario = args[0];
    int iterations = Integer.parseInt(args[1]);
    int threads =
        args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
    int metricsEvery = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 20;
    double tau = args.length > 5 ? Double.parseDouble(args[5]) : 0.0;
    PrintStream out = System.out;

    Scenarios scenarios = Scenarios.builtIn(); // outside the timed assembly
    long t0 = System.nanoTime();
    AssembledRun run = scenarios.named(scenario, tau);
    long assembled = System.nanoTime() - t0;
    out.printf(
        Locale.ROOT,
        "%s: |S| = %d, |A| = %d, N = %d, tau = %s; assembly and oracle %.0f ms%n",
        scenario,
        run.mdp().states(),
        run.mdp().actions(),
        run.mdp().agents(),
        tau,
        assembled / 1e6);
    if (warmup > 0) {
      RunResult w = once(scenarios.named(scenario, tau), warmup, metricsEvery, threads);
      out.printf(
          Locale.ROOT,
          "warm-up: %d iterations, %.2f ms/iteration%n",
          warmup,
          w.nanos() / 1e6 / warmup);
    }
    BellmanSolver solver = run.evaluator() instanceof ExactPolicyEvaluator e ? e.solver() : null;
    BellmanSolver.Statistics before = solver == null ? null : solver.statistics();
    RunResult r = once(run, iterations, metricsEvery, threads);
    IterationMetrics last = r.last();
    out.printf(
        Locale.ROOT,
        "measured: %d iterations, %d thread(s), metrics every %d: "
            + "%.2f ms/iteration (%.0f ms total); final value %.12g gap %.3e%n",
        iterations,
        threads,
        metricsEvery,
        r.nanos() / 1e6 / iterations,
        r.nanos() / 1e6,
        last.value(),
        last.optimalityGap());
    r.profile().table().forEach(out::println);
    if (solver != null) {
      BellmanSolver.Statistics after = solver.statistics();
      long solves = after.solves() - before.solves();
      long krylov = after.krylovSolves() - before.krylovSolves();
      long products = after.krylovProducts() - before.krylovProducts();
      long sweeps = after.sweeps() - before.sweeps();
      out.printf(
          Locale.ROOT,
          "exact solves (agents and metrics; one run scope): %.1f per iteration;"
              + " iterative block solves %d, %.1f passes each (%.1f Gauss-Seidel sweeps, %.1f"
              + " BiCGSTAB products), %d handed to BiCGSTAB; direct fallbacks %d; largest scaled"
              + " residual so far %.2e%n",
          (double) solves / iterations,
          krylov,
          krylov == 0 ? 0.0 : (double) products / krylov,
          krylov == 0 ? 0.0 : (double) sweeps / krylov,
          krylov == 0 ? 0.0 : (double) (products - sweeps) / krylov,
          after.handovers() - before.handovers(),
          after.directFallbacks() - before.directFallbacks(),
          after.maxResidual());
      long single = after.singlePasses() - before.singlePasses();
      long paired = after.pairedPasses() - before.pairedPasses();
      out.printf(
          Locale.ROOT,
          "passes over P_pi: %.1f per iteration (%.1f single-vector, %.1f fused two-vector)%n",
          (double) (single + paired) / iterations,
          (double) single / iterations,
          (double) paired / iterations);
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    out.printf(
        Locale.ROOT,
        "peak heap (sum of pool peaks) %.0f MB, max heap %.0f MB%n",
        peak / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576.0);
  }

  static RunResult once(AssembledRun run, int iterations, int metricsEvery, int threads) {
    return new InProcessRuntime()
        .run(
            run.algorithm(),
            run.topology(),
            run.metrics(),
            new RunOptions(iterations, metricsEvery, threads),
            NO_LISTENER);
  }
}
