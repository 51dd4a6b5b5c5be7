package org.fednpg.experiments.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.Parameters;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.plugin.ComponentRegistry;
import org.fednpg.core.run.AssembledRun;
import org.fednpg.core.run.RunAssembler;
import org.fednpg.core.run.RunRequest;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fednpg.api.FedNpgException;
import org.fednpg.api.RandomSource;
import org.fednpg.api.run.RunListener;
import org.fednpg.core.runtime.Checkpoint;
import org.fednpg.core.runtime.CheckpointPolicy;
import org.fednpg.core.runtime.InProcessRuntime;
import org.fednpg.experiments.results.CheckpointFiles;
import org.fednpg.core.run.ComponentSpec;
import org.fednpg.core.runtime.InProcessRuntimeProvider;
import org.fednpg.core.runtime.RunEngine;
import org.fednpg.core.runtime.RunResult;
import org.fednpg.core.runtime.RuntimeContext;
import org.fednpg.core.runtime.RuntimeProvider;
import org.fednpg.core.runtime.RunOptions;
import org.fednpg.experiments.results.AtomicFiles;
import org.fednpg.experiments.results.MetricsCsv;
import org.fednpg.experiments.results.Provenance;
import org.fednpg.experiments.spec.ExperimentSpec;
import org.fednpg.experiments.spec.SpecWriter;
import org.fednpg.experiments.spec.Sweeps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs a spec into a folder: {@code metrics.csv} and {@code manifest.json} for a single run; one
 * sub-folder per cell plus {@code summary.csv} for a sweep. The manifest is written last and
 * atomically, so its presence marks a finished cell: finished cells are skipped on re-run, and a
 * cell interrupted half-way is redone.
 */
public final class ExperimentRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Checkpoint file name inside a cell folder. */
  public static final String CHECKPOINT = "checkpoint.bin";

  /** The in-process engine, with checkpoint support. */
  private static final class InProcessEngine implements RunEngine {
    @Override
    public RunResult run(AssembledRun run, RunRequest request, RunOptions options,
        RunListener listener) {
      return run(run, options, listener, CheckpointPolicy.NONE);
    }

    RunResult run(AssembledRun run, RunOptions options, RunListener listener,
        CheckpointPolicy policy) {
      return new InProcessRuntime().run(run.algorithm(), run.topology(), run.metrics(), options,
          listener, policy);
    }
  }

  private final ComponentRegistry registry;
  private final RunnerOptions options;

  /**
   * @param registry where components come from
   * @param options threads, parallel cells, checkpoints, resume
   */
  public ExperimentRunner(ComponentRegistry registry, RunnerOptions options) {
    this.registry = registry;
    this.options = options;
  }

  /** A sequential runner with {@code threads} workers per cell and no checkpoints. */
  public ExperimentRunner(ComponentRegistry registry, int threads) {
    this(registry, RunnerOptions.simple(threads));
  }

  /** Runs every cell of {@code spec} into {@code out}. */
  public List<CellResult> run(ExperimentSpec spec, Path baseDirectory, Path out) {
    List<Sweeps.Cell> cells = Sweeps.expand(spec);
    for (Sweeps.Cell cell : cells) {
      try {
        validate(cell.spec(), baseDirectory);
      } catch (InvalidInputException e) {
        throw spec.sweep().isEmpty() ? e : e.in("sweep cell " + cell.name());
      }
    }
    long total = 0;
    for (Sweeps.Cell c : cells) {
      total += c.spec().iterations();
    }
    try (Progress progress = new Progress(spec.name(), cells.size(), total, options.terminal())) {
      List<CellResult> results = spec.sweep().isEmpty()
          ? List.of(runCell(cells.get(0), baseDirectory, out, progress))
          : runAll(cells, baseDirectory, out, progress);
      long skipped = results.stream().filter(CellResult::skipped).count();
      if (skipped > 0) {  // one line for all, not one per cell
        LOG.info("{}: {} of {} cells already finished in {}, skipped", spec.name(), skipped,
            results.size(), out);
      }
      if (!spec.sweep().isEmpty()) {
        writeSummary(spec, results, out.resolve("summary.csv"));
      }
      return results;
    }
  }

  private List<CellResult> runAll(
      List<Sweeps.Cell> cells, Path baseDirectory, Path out, Progress progress) {
    int jobs = Math.min(options.jobs(), cells.size());
    if (jobs == 1) {
      List<CellResult> results = new ArrayList<>();
      for (Sweeps.Cell cell : cells) {
        results.add(runCell(cell, baseDirectory, out.resolve(cell.name()), progress));
      }
      return results;
    }
    ExecutorService pool = Executors.newFixedThreadPool(jobs);
    try {
      List<Future<CellResult>> futures = new ArrayList<>();
      for (Sweeps.Cell cell : cells) {
        futures.add(pool.submit(
            () -> runCell(cell, baseDirectory, out.resolve(cell.name()), progress)));
      }
      List<CellResult> results = new ArrayList<>();
      for (Future<CellResult> f : futures) {
        results.add(await(f));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static CellResult await(Future<CellResult> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FedNpgException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new FedNpgException("cell failed: " + e.getCause(), e.getCause());
    }
  }

  /** Runs one cell unless its folder already holds a finished run. */
  public CellResult runCell(Sweeps.Cell cell, Path baseDirectory, Path dir) {
    return runCell(cell, baseDirectory, dir, Progress.silent());
  }

  private CellResult runCell(Sweeps.Cell cell, Path baseDirectory, Path dir, Progress progress) {
    // log lines from this thread name the cell (%X{cell} in the log pattern)
    MDC.put("cell", cell.name());
    try {
      return runCellNamed(cell, baseDirectory, dir, progress);
    } finally {
      MDC.remove("cell");
    }
  }

  private CellResult runCellNamed(Sweeps.Cell cell, Path baseDirectory, Path dir,
      Progress progress) {
    Path manifest = dir.resolve("manifest.json");
    Path metrics = dir.resolve("metrics.csv");
    Path checkpointFile = dir.resolve(CHECKPOINT);
    String fingerprint = SpecWriter.toJson(SpecWriter.toMap(cell.spec()));
    if (Files.isRegularFile(manifest) && Files.isRegularFile(metrics)) {
      checkSameSpec(dir, manifest, fingerprint);
      LOG.debug("{}: finished run found in {}, skipped", cell.name(), dir);
      progress.iterations(cell.spec().iterations());
      progress.cellFinished();
      return finished(cell, dir, manifest);
    }
    progress.cellStarted(cell.name());
    ExperimentSpec spec = cell.spec();
    RunRequest request = new RunRequest(spec.seed(), spec.gamma(), spec.environment(),
        spec.topology(), spec.evaluator(), spec.algorithm(), baseDirectory);
    AssembledRun run = new RunAssembler(registry).assemble(request);
    int workers = spec.threads() != null ? spec.threads() : options.threads();
    Checkpoint resumeFrom = null;
    List<String> earlier = List.of();
    if (options.resume() && !Files.isRegularFile(checkpointFile)) {
      LOG.info("{}: --resume, but no checkpoint in {}; starting from iteration 0", cell.name(),
          dir);
    }
    if (options.resume() && Files.isRegularFile(checkpointFile)) {
      resumeFrom = CheckpointFiles.read(checkpointFile, fingerprint);
      earlier = MetricsCsv.rowsUpTo(AtomicFiles.temporarySibling(metrics), resumeFrom.iteration());
      LOG.info("{}: resuming from the checkpoint at iteration {}", cell.name(),
          resumeFrom.iteration());
      progress.iterations(resumeFrom.iteration());
    }
    RunResult result;
    try (MetricsCsv csv = new MetricsCsv(metrics, earlier)) {
      RunListener listener = new RunListener() {
        private long last = -1;

        @Override
        public void onIteration(IterationMetrics m) {
          csv.onIteration(m);
          if (last >= 0) {
            progress.iterations(m.iteration() - last);
          }
          last = m.iteration();
        }

        @Override
        public void onFinish() {
          csv.onFinish();
        }
      };
      CheckpointPolicy policy = new CheckpointPolicy(options.checkpointEvery(), c -> {
        csv.flush();
        CheckpointFiles.write(checkpointFile, fingerprint, c);
      }, resumeFrom);
      RunEngine engine = engine(spec);
      RunOptions runOptions = new RunOptions(spec.iterations(), spec.metricsEvery(), workers);
      if (engine instanceof InProcessEngine inProcess) {
        result = inProcess.run(run, runOptions, listener, policy);
      } else {
        if (options.checkpointEvery() > 0 || resumeFrom != null) {
          throw new InvalidInputException("runtime '" + spec.runtime().type()
              + "' does not support --checkpoint-every/--resume");
        }
        result = engine.run(run, request, runOptions, listener);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write results in " + dir, e);
    }
    Map<String, Object> m = manifest(spec, run, result);
    m.put("plugins", Provenance.plugins(registry.plugins()));
    m.put("cell_spec", SpecWriter.toMap(spec));
    AtomicFiles.writeString(manifest, SpecWriter.toJson(m) + "\n");
    try {
      Files.deleteIfExists(checkpointFile);
    } catch (IOException e) {
      LOG.warn("{}: cannot delete {}: {}", cell.name(), checkpointFile, e.getMessage());
    }
    progress.cellFinished(cell.name());
    return new CellResult(cell.name(), cell.values(), dir, result.last(),
        run.optimum().initialValue(), false);
  }

  /** Checks every component's type and parameters (cheap: nothing is built). */
  private void validate(ExperimentSpec spec, Path baseDirectory) {
    check(ComponentRegistry.Family.ENVIRONMENT, spec.environment(), baseDirectory);
    check(ComponentRegistry.Family.TOPOLOGY, spec.topology(), baseDirectory);
    check(ComponentRegistry.Family.EVALUATOR, spec.evaluator(), baseDirectory);
    check(ComponentRegistry.Family.ALGORITHM, spec.algorithm(), baseDirectory);
    check(ComponentRegistry.Family.RUNTIME, spec.runtime(), baseDirectory);
  }

  private void check(ComponentRegistry.Family family, ComponentSpec block, Path baseDirectory) {
    if (block != null) {
      ComponentRegistry.parameters(family, registry.provider(family, block.type()),
          block.parameters(), baseDirectory);
    }
  }

  private RunEngine engine(ExperimentSpec spec) {
    ComponentSpec block = spec.runtime() != null ? spec.runtime()
        : ComponentSpec.of(InProcessRuntimeProvider.NAME);
    RuntimeProvider provider = registry.runtime(block.type());
    Parameters params = ComponentRegistry.parameters(
        ComponentRegistry.Family.RUNTIME, provider, block.parameters(), Path.of("."));
    if (provider instanceof InProcessRuntimeProvider) {
      return new InProcessEngine();
    }
    return provider.create(params, new RuntimeContext(RandomSource.of(spec.seed()).child("runtime")));
  }

  /** Refuses to reuse a finished folder that was produced by a different spec. */
  private static void checkSameSpec(Path dir, Path manifest, String fingerprint) {
    try {
      JsonNode recorded = JSON.readTree(manifest.toFile()).get("cell_spec");
      if (recorded == null || !recorded.equals(JSON.readTree(fingerprint))) {
        throw new InvalidInputException(dir + " holds a finished run of a different spec; "
            + "choose another output folder or delete it (nothing was overwritten)");
      }
    } catch (IOException e) {
      throw new InvalidInputException(manifest + ": unreadable manifest (" + e.getMessage()
          + "); delete the folder to rerun", e);
    }
  }

  private static CellResult finished(Sweeps.Cell cell, Path dir, Path manifest) {
    try {
      JsonNode m = JSON.readTree(manifest.toFile());
      JsonNode last = m.path("final");
      IterationMetrics row = new IterationMetrics(last.path("iteration").asLong(),
          num(last, "value"), num(last, "optimality_gap"), num(last, "q_error"),
          num(last, "consensus"), num(last, "agent_value_min"), num(last, "agent_value_mean"),
          last.path("elapsed_ms").asLong(), last.path("samples").asLong(),
          last.path("bytes_sent").asLong(), last.path("messages").asLong());
      return new CellResult(cell.name(), cell.values(), dir, row, num(m, "optimal_value"), true);
    } catch (IOException e) {
      throw new InvalidInputException(manifest + ": unreadable manifest (" + e.getMessage()
          + "); delete the folder to rerun", e);
    }
  }

  private static double num(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? Double.NaN : v.asDouble();
  }

  private static Map<String, Object> manifest(
      ExperimentSpec spec, AssembledRun run, RunResult result) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", "fednpg-run/1");
    m.put("spec", resolvedSpec(spec, run));
    m.put("seed", spec.seed());
    m.put("version", Provenance.version());
    m.put("git", Provenance.git());
    m.put("java", Provenance.java());
    m.put("agents", run.mdp().agents());
    m.put("states", run.mdp().states());
    m.put("actions", run.mdp().actions());
    m.put("gamma", run.mdp().gamma());
    m.put("tau", run.algorithm().tau());
    boolean communicates = run.topology() != null && run.algorithm().usesTopology();
    m.put("sigma", communicates ? finite(run.topology().sigma()) : null);
    m.put("optimal_value", finite(run.optimum().initialValue()));
    m.put("oracle_sweeps", run.optimum().sweeps());
    m.put("environment", run.environment().manifestInfo());
    m.put("topology", run.topology() == null ? null : run.topology().report());
    m.put("algorithm", run.algorithm().manifestInfo());
    Map<String, Object> theory = run.algorithm().theory(spec.iterations());
    if (!theory.isEmpty()) {
      m.put("theory", theory);
    }
    m.put("elapsed_ms", result.nanos() / 1_000_000);
    m.put("final", finalRow(result.last()));
    return m;
  }

  private static Object finite(double d) {
    return Double.isFinite(d) ? d : null;
  }

  private static Map<String, Object> finalRow(IterationMetrics r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("iteration", r.iteration());
    m.put("value", finite(r.value()));
    m.put("optimality_gap", finite(r.optimalityGap()));
    m.put("q_error", finite(r.qError()));
    m.put("consensus", finite(r.consensus()));
    m.put("agent_value_min", finite(r.agentValueMin()));
    m.put("agent_value_mean", finite(r.agentValueMean()));
    m.put("elapsed_ms", r.elapsedMs());
    m.put("samples", r.samples());
    m.put("bytes_sent", r.bytesSent());
    m.put("messages", r.messages());
    return m;
  }

  /** The spec with every component's parameters resolved (defaults filled in). */
  private static Map<String, Object> resolvedSpec(ExperimentSpec spec, AssembledRun run) {
    Map<String, Object> m = SpecWriter.toMap(spec);
    m.put("gamma", run.mdp().gamma());
    m.put("metricsEvery", spec.metricsEvery());
    run.resolved().forEach((family, params) -> m.put(family, block(spec, family, params)));
    return m;
  }

  private static Map<String, Object> block(ExperimentSpec spec, String family, Parameters p) {
    Map<String, Object> b = new LinkedHashMap<>();
    String type = switch (family) {
      case "environment" -> spec.environment().type();
      case "topology" -> spec.topology().type();
      case "evaluator" -> spec.evaluator() != null ? spec.evaluator().type() : RunAssembler.EXACT;
      case "runtime" -> spec.runtime().type();
      default -> spec.algorithm().type();
    };
    b.put("type", type);
    b.putAll(p.asMap());
    return b;
  }

  private static void writeSummary(ExperimentSpec spec, List<CellResult> results, Path file) {
    StringBuilder b = new StringBuilder("cell");
    List<String> keys = new ArrayList<>(spec.sweep().keySet());
    keys.forEach(k -> b.append(',').append(k));
    b.append(",iterations,value,optimal_value,optimality_gap,q_error,consensus,elapsed_ms\n");
    for (CellResult r : results) {
      b.append('"').append(r.name()).append('"');
      keys.forEach(k -> b.append(",\"").append(Sweeps.label(r.values().get(k))
          .replace("\"", "\"\"")).append('"'));
      IterationMetrics l = r.last();
      b.append(',').append(l.iteration()).append(',').append(l.value()).append(',')
          .append(r.optimalValue()).append(',').append(l.optimalityGap()).append(',')
          .append(l.qError()).append(',').append(l.consensus()).append(',')
          .append(l.elapsedMs()).append('\n');
    }
    AtomicFiles.writeString(file, b.toString().replace("NaN", ""));
  }
}
