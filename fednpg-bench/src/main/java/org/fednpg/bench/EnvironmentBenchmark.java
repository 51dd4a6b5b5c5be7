package org.fednpg.bench;

import java.util.concurrent.TimeUnit;
import org.fednpg.envs.GridWorld;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Building the paper GridWorld (issue 3: K = 70, N = 50 must take well under a second). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(1)
public class EnvironmentBenchmark {

  /** Grid side K. */
  @Param({"70", "100"})
  public int size;

  /** Agents N. */
  @Param({"50"})
  public int agents;

  @Benchmark
  public GridWorld buildGridWorld() {
    String path = "R".repeat(size - 1) + "D".repeat(size - 1);
    return GridWorld.create(size, agents, path, 0.99);
  }
}
