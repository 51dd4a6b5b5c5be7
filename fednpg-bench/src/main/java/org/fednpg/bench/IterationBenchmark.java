package org.fednpg.bench;

import java.util.concurrent.TimeUnit;
import org.fednpg.core.run.AssembledRun;
import org.fednpg.core.runtime.RunResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Full FedNPG iterations through the in-process runtime (send, mix, receive with exact evaluation,
 * and the SPEC §5 metrics every {@code metricsEvery} iterations). Each invocation runs {@value
 * #ITERATIONS} iterations from a freshly assembled run; the reported time is per invocation, so
 * divide by {@value #ITERATIONS} for ms per iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class IterationBenchmark {

  /** Iterations per benchmark invocation. */
  public static final int ITERATIONS = 10;

  /** Scenario, see {@link Scenarios#named}. */
  @Param({"gridworld:70:50", "garnet:2000:10:10:20"})
  public String scenario;

  /** Metrics every k iterations (1: every SPEC §5 metric every iteration). */
  @Param({"1", "1000"})
  public int metricsEvery;

  /** Worker threads. */
  @Param({"2"})
  public int threads;

  private AssembledRun run;

  @Setup(Level.Invocation)
  public void setUp() {
    run = Scenarios.builtIn().named(scenario, 0.0);
  }

  @Benchmark
  public RunResult iterations() {
    return ScaleRun.once(run, ITERATIONS, metricsEvery, threads);
  }
}
