package org.fednpg.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.fednpg.api.model.MixingMatrix;
import org.fednpg.core.run.AssembledRun;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** One exchange's mixing Σ_m W_nm x_m of all N agents' |S|·|A| tables, single-threaded. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MixingBenchmark {

  /** Scenario, see {@link Scenarios#named}. */
  @Param({"gridworld:70:50", "garnet:2000:10:10:20"})
  public String scenario;

  private MixingMatrix w;
  private double[][] in;
  private double[][] out;

  @Setup
  public void setUp() {
    AssembledRun run = Scenarios.builtIn().named(scenario, 0.0);
    w = run.topology().mixing(0);
    int n = w.size();
    int size = run.mdp().states() * run.mdp().actions();
    SplittableRandom random = new SplittableRandom(1);
    in = new double[n][size];
    out = new double[n][size];
    for (double[] row : in) {
      for (int i = 0; i < size; i++) {
        row[i] = random.nextDouble();
      }
    }
  }

  @Benchmark
  public double[][] mixAllRows() {
    w.mixRows(in, out, 0, w.size());
    return out;
  }
}
