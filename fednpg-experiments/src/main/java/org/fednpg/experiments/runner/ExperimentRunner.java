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
import org.fednpg.api.io.InputFiles;
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
import org.fednpg.experiments.results.FolderLock;
import org.fednpg.experiments.results.MetricsCsv;
import org.fednpg.experiments.results.Provenance;
import org.fednpg.experiments.spec.ExperimentSpec;
import org.fednpg.experiments.spec.SpecWriter;
import org.fednpg.experiments.spec.Sweeps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a spec into a folder: {@code metrics.csv} and {@code manifest.json} for a single run; one
 * sub-folder per cell plus {@code summary.csv} for a sweep. Before any work: every cell is
 * validated, its memory estimated against the heap, the sweep's size capped, and every existing
 * cell folder checked (not locked by another run, not foreign). Each cell runs holding its
 * folder's {@link FolderLock}. The manifest is written last and atomically, so its presence marks
 * a finished cell; it records the input files read (path, size, SHA-256). A finished cell is
 * skipped on re-run when its spec and input files are unchanged, refused otherwise (or redone
 * with {@code --force}, the old result moved aside); a cell interrupted half-way is redone, or
 * continued with {@code --resume} from a verified checkpoint and verified partial metrics.
 */
public final class ExperimentRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Checkpoint file name inside a cell folder. */
  public static final String CHECKPOINT = CellFolder.CHECKPOINT;

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
    List<Sweeps.Cell> cells = Sweeps.expand(spec, options.maxCells());
    int parallel = spec.sweep().isEmpty() ? 1 : Math.min(options.jobs(), cells.size());
    long maxHeap = Runtime.getRuntime().maxMemory();
    for (Sweeps.Cell cell : cells) {
      try {
        Parameters env = validate(cell.spec(), baseDirectory);
        MemoryEstimate.check(cell.spec(), env, parallel, maxHeap);
      } catch (InvalidInputException e) {
        throw spec.sweep().isEmpty() ? e : e.in("sweep cell " + cell.name());
      }
    }
    preflight(spec, cells, out);
    long total = 0;
    for (Sweeps.Cell c : cells) {
      total += c.spec().iterations();
    }
    try (Progress progress = new Progress(spec.name(), cells.size(), total, options.terminal())) {
      if (spec.sweep().isEmpty()) {
        return List.of(runCell(cells.get(0), baseDirectory, out, progress));
      }
      List<CellResult> results = runAll(cells, baseDirectory, out, progress);
      writeSummary(spec, results, out.resolve("summary.csv"));
      return results;
    }
  }

  /**
   * Refuses at once, before any cell runs, a folder that another run holds or that holds files
   * fednpg did not write, or (without --force) a finished cell of another spec or changed inputs.
   * Each cell checks again under its lock when its turn comes.
   */
  private void preflight(ExperimentSpec spec, List<Sweeps.Cell> cells, Path out) {
    if (!spec.sweep().isEmpty()) {
      CellFolder.checkSweepFolder(out);
    }
    for (Sweeps.Cell cell : cells) {
      Path dir = spec.sweep().isEmpty() ? out : out.resolve(cell.name());
      if (!Files.isDirectory(dir)) {
        continue;
      }
      FolderLock.holder(dir).ifPresent(h -> {
        throw new InvalidInputException(dir.toAbsolutePath().normalize()
            + " is in use by another fednpg run (" + h + "); wait for it to finish or choose "
            + "another output folder");
      });
      CellFolder.inspect(dir, cellSpec(cell.spec()), options.force());
    }
  }

  /** The cell's spec as a manifest records it (read back from its JSON, to compare like). */
  private static JsonNode cellSpec(ExperimentSpec spec) {
    try {
      return JSON.readTree(SpecWriter.toJson(SpecWriter.toMap(spec)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the spec as JSON", e);
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
    try (FolderLock lock = FolderLock.acquire(dir)) {
      return runLocked(cell, baseDirectory, dir, progress);
    }
  }

  private CellResult runLocked(Sweeps.Cell cell, Path baseDirectory, Path dir,
      Progress progress) {
    Path manifest = dir.resolve(CellFolder.MANIFEST);
    Path metrics = dir.resolve(CellFolder.METRICS);
    Path checkpointFile = dir.resolve(CHECKPOINT);
    ExperimentSpec spec = cell.spec();
    JsonNode cellSpec = cellSpec(spec);
    switch (CellFolder.inspect(dir, cellSpec, options.force())) {
      case FINISHED -> {
        LOG.info("{}: finished run found in {}, skipped", cell.name(), dir);
        progress.iterations(spec.iterations());
        progress.cellFinished();
        return finished(cell, dir, manifest);
      }
      case REPLACE -> LOG.warn("{}: --force: the old result in {} was moved to {}", cell.name(),
          dir, CellFolder.moveAside(dir));
      case FRESH -> { }
    }
    RunRequest request = new RunRequest(spec.seed(), spec.gamma(), spec.environment(),
        spec.topology(), spec.evaluator(), spec.algorithm(), baseDirectory);
    AssembledRun run;
    List<InputFiles.InputFile> inputs;
    try (InputFiles.Recording recording = InputFiles.record()) {
      run = new RunAssembler(registry).assemble(request);
      inputs = recording.files();
    }
    String fingerprint = SpecWriter.toJson(SpecWriter.toMap(spec)) + "\n"
        + SpecWriter.toJson(Map.of("inputs", inputs(inputs)));
    int workers = spec.threads() != null ? spec.threads() : options.threads();
    Checkpoint resumeFrom = null;
    List<String> earlier = List.of();
    if (options.resume() && !Files.isRegularFile(checkpointFile)) {
      LOG.info("{}: --resume, but no checkpoint in {}; starting from iteration 0", cell.name(),
          dir);
    }
    if (options.resume() && Files.isRegularFile(checkpointFile)) {
      try {
        resumeFrom = CheckpointFiles.read(checkpointFile, fingerprint);
        checkUsable(checkpointFile, resumeFrom, spec, run);
        earlier = MetricsCsv.rowsUpTo(AtomicFiles.temporarySibling(metrics),
            resumeFrom.iteration(), spec.metricsEvery());
        LOG.info("{}: resuming from the checkpoint at iteration {}", cell.name(),
            resumeFrom.iteration());
        progress.iterations(resumeFrom.iteration());
      } catch (InvalidInputException e) {
        if (!options.force()) {
          throw e;
        }
        LOG.warn("{}: --force: {}; starting over, the old files were moved to {}", cell.name(),
            e.getMessage(), CellFolder.moveAside(dir));
        resumeFrom = null;
        earlier = List.of();
      }
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
    m.put("cell_spec", SpecWriter.toMap(spec));
    m.put("inputs", inputs(inputs));
    AtomicFiles.writeString(manifest, SpecWriter.toJson(m) + "\n");
    try {
      Files.deleteIfExists(checkpointFile);
    } catch (IOException e) {
      LOG.warn("{}: cannot delete {}: {}", cell.name(), checkpointFile, e.getMessage());
    }
    progress.cellFinished();
    return new CellResult(cell.name(), cell.values(), dir, result.last(),
        run.optimum().initialValue(), false);
  }

  /** The manifest's record of input files: [{path, size, sha256}, ...] in reading order. */
  private static List<Map<String, Object>> inputs(List<InputFiles.InputFile> files) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (InputFiles.InputFile f : files) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("path", f.path());
      e.put("size", f.size());
      e.put("sha256", f.sha256());
      list.add(e);
    }
    return list;
  }

  /** Refuses a checkpoint (of this spec) that does not fit the run it would continue. */
  private static void checkUsable(Path file, Checkpoint c, ExperimentSpec spec, AssembledRun run) {
    String hint = "; --resume --force starts the cell over (the old files are moved aside)";
    if (c.iteration() < 1 || c.iteration() >= spec.iterations()) {
      throw new InvalidInputException(file + ": iteration " + c.iteration()
          + " is not within [1, " + spec.iterations() + ") of this run" + hint);
    }
    int agents = run.algorithm().agents().size();
    if (c.agents().size() != agents) {
      throw new InvalidInputException(file + ": holds " + c.agents().size()
          + " agents, the run has " + agents + hint);
    }
  }

  /** Checks every component's type and parameters (cheap: nothing is built). */
  private Parameters validate(ExperimentSpec spec, Path baseDirectory) {
    Parameters env = check(ComponentRegistry.Family.ENVIRONMENT, spec.environment(),
        baseDirectory);
    check(ComponentRegistry.Family.TOPOLOGY, spec.topology(), baseDirectory);
    check(ComponentRegistry.Family.EVALUATOR, spec.evaluator(), baseDirectory);
    check(ComponentRegistry.Family.ALGORITHM, spec.algorithm(), baseDirectory);
    check(ComponentRegistry.Family.RUNTIME, spec.runtime(), baseDirectory);
    return env;
  }

  private Parameters check(ComponentRegistry.Family family, ComponentSpec block,
      Path baseDirectory) {
    if (block == null) {
      return null;
    }
    return ComponentRegistry.parameters(family, registry.provider(family, block.type()),
        block.parameters(), baseDirectory);
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
      throw new InvalidInputException(manifest + ": unreadable manifest ("
          + e.getClass().getSimpleName() + "); move the folder away to rerun", e);
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
    Map<String, Object> theory = run.algorithm().theory();
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
