package org.fednpg.core.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.fednpg.api.Topology;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MixingMatrix;
import org.fednpg.api.run.AgentProcess;
import org.fednpg.api.run.AgentState;
import org.fednpg.api.run.Aggregation;
import org.fednpg.api.run.Algorithm;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.api.run.RunListener;
import org.fednpg.core.metrics.MetricsCalculator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default runtime: every agent in this process, synchronous exchanges. Per iteration t and
 * exchange k, all agents {@code send}, the tables are mixed with W^(t) by the algorithm's {@link
 * Aggregation} (the mean Σ_m W_nm x_m unless a robust rule is chosen; one matrix per iteration,
 * both exchanges of an iteration use it), and all agents {@code receive}. Agents' local work and
 * the mixing rows run in parallel; each agent's arithmetic is the same whatever the thread count.
 * Mixing finishes before any agent receives, as {@link AgentProcess#send} promises the agents.
 * Every run records a {@link RunProfile} of where its time went. Messages and bytes count one table
 * of 8-byte numbers per directed edge per exchange.
 */
public final class InProcessRuntime {

  private static final Logger LOG = LoggerFactory.getLogger(InProcessRuntime.class);
  private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  /**
   * Runs {@code algorithm} for {@code options.iterations()} iterations.
   *
   * @param algorithm the agents
   * @param topology where W^(t) comes from (ignored when the algorithm does not use it)
   * @param metrics the model-based metrics
   * @param options iterations, metric frequency, threads
   * @param listener receives every metrics row
   */
  public RunResult run(
      Algorithm algorithm,
      Topology topology,
      MetricsCalculator metrics,
      RunOptions options,
      RunListener listener) {
    return run(algorithm, topology, metrics, options, listener, CheckpointPolicy.NONE);
  }

  /**
   * Runs with checkpoints: saves one after every {@code checkpoints.every()} iterations and, when
   * {@code checkpoints.resumeFrom()} is set, restores the agents from it and continues with the
   * next iteration (rows up to the checkpoint are not emitted again). A resumed run produces the
   * same rows as an uninterrupted one, bit for bit, except {@code elapsed_ms}.
   */
  public RunResult run(
      Algorithm algorithm,
      Topology topology,
      MetricsCalculator metrics,
      RunOptions options,
      RunListener listener,
      CheckpointPolicy checkpoints) {
    List<? extends AgentProcess> agents = algorithm.agents();
    int n = agents.size();
    int exchanges = algorithm.exchangesPerIteration();
    Aggregation rule = algorithm.aggregation();
    MixingMatrix solo = MixingMatrix.identity(n);
    Checkpoint resume = checkpoints.resumeFrom();
    long runStart = System.nanoTime();
    long start =
        runStart - (resume == null ? 0 : TimeUnit.MILLISECONDS.toNanos(resume.elapsedMs()));
    try (Parallel parallel = new Parallel(options.threads())) {
      Counters counters = new Counters();
      IterationMetrics row;
      int first;
      long mark = System.nanoTime();
      if (resume == null) {
        parallel.forEach(n, i -> agents.get(i).initialize());
        mark = counters.lap(mark, Phase.INITIALIZE);
        row = emit(0, agents, metrics, parallel, start, counters, listener);
        mark = counters.lap(mark, Phase.METRICS);
        counters.rows++;
        first = 0;
      } else {
        if (resume.agents().size() != n) {
          throw new IllegalArgumentException(
              "checkpoint has " + resume.agents().size() + " agents, the run has " + n);
        }
        parallel.forEach(n, i -> agents.get(i).restore(resume.agents().get(i)));
        counters.messages = resume.messages();
        counters.bytes = resume.bytesSent();
        first = Math.toIntExact(resume.iteration());
        row = null;
        mark = counters.lap(mark, Phase.INITIALIZE);
        LOG.info("resumed at iteration {}", first);
      }
      double[][] outgoing = new double[n][];
      double[][] mixed = null;
      long lastLog = System.nanoTime();
      for (int t = first; t < options.iterations(); t++) {
        final long iteration = t;
        MixingMatrix w = algorithm.usesTopology() ? topology.mixing(t) : solo;
        for (int k = 0; k < exchanges; k++) {
          final int exchange = k;
          mark = counters.lap(mark, Phase.OTHER);
          parallel.forEach(n, i -> outgoing[i] = agents.get(i).send(iteration, exchange));
          mark = counters.lap(mark, Phase.SEND);
          if (mixed == null || mixed[0].length != outgoing[0].length) {
            mixed = new double[n][outgoing[0].length];
          }
          final double[][] out = mixed;
          int chunks = Math.min(n, 4 * parallel.threads());
          parallel.forEach(
              chunks, c -> rule.aggregate(w, outgoing, out, c * n / chunks, (c + 1) * n / chunks));
          mark = counters.lap(mark, Phase.MIXING);
          parallel.forEach(n, i -> agents.get(i).receive(iteration, exchange, out[i]));
          mark = counters.lap(mark, Phase.RECEIVE);
          for (int i = 0; i < n; i++) {
            int deg = w.inDegree(i);
            counters.messages += deg;
            counters.bytes += (long) deg * outgoing[i].length * Double.BYTES;
          }
        }
        int done = t + 1;
        if (options.isMetricsRow(done)) {
          mark = counters.lap(mark, Phase.OTHER);
          row = emit(done, agents, metrics, parallel, start, counters, listener);
          mark = counters.lap(mark, Phase.METRICS);
          counters.rows++;
        }
        if (checkpoints.every() > 0
            && done % checkpoints.every() == 0
            && done < options.iterations()) {
          mark = counters.lap(mark, Phase.OTHER);
          List<AgentState> states = new ArrayList<>(n);
          for (AgentProcess a : agents) {
            states.add(a.snapshot());
          }
          checkpoints
              .sink()
              .accept(
                  new Checkpoint(
                      done,
                      TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                      counters.messages,
                      counters.bytes,
                      states));
          mark = counters.lap(mark, Phase.CHECKPOINT);
        }
        counters.iterations++;
        if (row != null && System.nanoTime() - lastLog > PROGRESS_EVERY_NANOS) {
          lastLog = System.nanoTime();
          LOG.info(
              "iteration {}/{}: value {} gap {}",
              done,
              options.iterations(),
              row.value(),
              row.optimalityGap());
        }
      }
      listener.onFinish();
      long total = System.nanoTime() - runStart;
      RunProfile profile = counters.profile(n, total);
      RunProfiles.publish(profile);
      return new RunResult(row, System.nanoTime() - start, profile);
    }
  }

  private enum Phase {
    INITIALIZE,
    SEND,
    MIXING,
    RECEIVE,
    METRICS,
    CHECKPOINT,
    OTHER
  }

  private static final class Counters {
    long messages;
    long bytes;
    long iterations;
    long rows;
    final long[] nanos = new long[Phase.values().length];

    /** Adds the time since {@code mark} to {@code phase}; returns the new mark. */
    long lap(long mark, Phase phase) {
      long now = System.nanoTime();
      nanos[phase.ordinal()] += now - mark;
      return now;
    }

    RunProfile profile(int agents, long total) {
      return new RunProfile(
          iterations,
          rows,
          agents,
          nanos[Phase.INITIALIZE.ordinal()],
          nanos[Phase.SEND.ordinal()],
          nanos[Phase.MIXING.ordinal()],
          nanos[Phase.RECEIVE.ordinal()],
          nanos[Phase.METRICS.ordinal()],
          nanos[Phase.CHECKPOINT.ordinal()],
          total);
    }
  }

  private static IterationMetrics emit(
      long iteration,
      List<? extends AgentProcess> agents,
      MetricsCalculator metrics,
      Parallel parallel,
      long start,
      Counters counters,
      RunListener listener) {
    List<LogPolicy> policies = new ArrayList<>(agents.size());
    long samples = 0;
    for (AgentProcess a : agents) {
      policies.add(a.policy());
      samples += a.samples();
    }
    IterationMetrics row =
        metrics.row(
            iteration,
            policies,
            parallel,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
            samples,
            counters.bytes,
            counters.messages);
    listener.onIteration(row);
    return row;
  }
}
