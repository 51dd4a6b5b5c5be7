package org.fednpg.experiments.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.Parameters;
import org.fednpg.api.RandomSource;
import org.fednpg.api.io.AtomicFiles;
import org.fednpg.api.io.InputFiles;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.api.run.RunListener;
import org.fednpg.core.plugin.ComponentRegistry;
import org.fednpg.core.run.AssembledRun;
import org.fednpg.core.run.ComponentSpec;
import org.fednpg.core.run.RunAssembler;
import org.fednpg.core.run.RunRequest;
import org.fednpg.core.runtime.Checkpoint;
import org.fednpg.core.runtime.CheckpointPolicy;
import org.fednpg.core.runtime.InProcessRuntimeProvider;
import org.fednpg.core.runtime.RunEngine;
import org.fednpg.core.runtime.RunOptions;
import org.fednpg.core.runtime.RunResult;
import org.fednpg.core.runtime.RuntimeContext;
import org.fednpg.core.runtime.RuntimeProvider;
import org.fednpg.experiments.results.CheckpointFiles;
import org.fednpg.experiments.results.EnvironmentFacts;
import org.fednpg.experiments.results.FolderLock;
import org.fednpg.experiments.results.MetricsCsv;
import org.fednpg.experiments.results.Provenance;
import org.fednpg.experiments.results.RunManifest;
import org.fednpg.experiments.results.TheoryFacts;
import org.fednpg.experiments.results.TopologyFacts;
import org.fednpg.experiments.spec.ExperimentSpec;
import org.fednpg.experiments.spec.SpecWriter;
import org.fednpg.experiments.spec.Sweeps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one cell into its folder, holding the folder's {@link FolderLock}: decides from the folder
 * (via {@link CellFolder}) whether to skip, redo or refuse; assembles the run while recording the
 * input files it reads; resumes from a verified checkpoint and verified partial metrics when asked;
 * runs it on its runtime's {@link RunEngine} (checkpoints are the engine's business, so every
 * runtime is a plain provider); and writes the metrics and, last, the manifest.
 */
final class CellRunner {

  private static final Logger LOG = LoggerFactory.getLogger(CellRunner.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHECKPOINT = CellFolder.CHECKPOINT;

  private final ComponentRegistry registry;
  private final RunnerOptions options;

  CellRunner(ComponentRegistry registry, RunnerOptions options) {
    this.registry = registry;
    this.options = options;
  }

  /** The cell's spec as a manifest records it (read back from its JSON, to compare like). */
  static JsonNode cellSpec(ExperimentSpec spec) {
    try {
      return JSON.readTree(SpecWriter.toJson(SpecWriter.toMap(spec)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the spec as JSON", e);
    }
  }

  /** The loaded plugin jars as the manifest records them (what a finished run is compared on). */
  JsonNode plugins() {
    return JSON.valueToTree(Provenance.plugins(registry.plugins()));
  }

  /** Runs one cell holding its folder's lock, unless the folder holds its finished run. */
  CellResult run(Sweeps.Cell cell, Path baseDirectory, Path dir, Progress progress) {
    FolderLock lock = FolderLock.acquire(dir);
    // log lines from this thread name the cell (%X{cell} in the log pattern)
    MDC.put("cell", cell.name());
    try {
      return runLocked(cell, baseDirectory, dir, progress);
    } finally {
      MDC.remove("cell");
      lock.close();
    }
  }

  private CellResult runLocked(Sweeps.Cell cell, Path baseDirectory, Path dir, Progress progress) {
    Path manifest = dir.resolve(CellFolder.MANIFEST);
    Path metrics = dir.resolve(CellFolder.METRICS);
    Path checkpointFile = dir.resolve(CHECKPOINT);
    ExperimentSpec spec = cell.spec();
    JsonNode cellSpec = cellSpec(spec);
    switch (CellFolder.inspect(dir, cellSpec, plugins(), options.force())) {
      case FINISHED -> {
        LOG.debug("{}: finished run found in {}, skipped", cell.name(), dir);
        progress.iterations(spec.iterations());
        progress.cellFinished();
        return finished(cell, dir, manifest);
      }
      case REPLACE ->
          LOG.warn(
              "{}: --force: the old result in {} was moved to {}",
              cell.name(),
              dir,
              CellFolder.moveAside(dir));
      case FRESH -> {}
    }
    progress.cellStarted(cell.name());
    RunRequest request =
        new RunRequest(
            spec.seed(),
            spec.gamma(),
            spec.environment(),
            spec.topology(),
            spec.evaluator(),
            spec.algorithm(),
            baseDirectory,
            spec.adversary());
    RunEngine engine = engine(spec);
    AssembledRun run;
    List<InputFiles.InputFile> inputs;
    try (InputFiles.Recording recording = InputFiles.record()) {
      // a runtime whose agents run on other nodes gets the experimenter's view only: model,
      // oracle and metrics, no agent state (issue 19)
      run =
          engine.runsAgentsElsewhere()
              ? new RunAssembler(registry).assembleForMetrics(request)
              : new RunAssembler(registry).assemble(request);
      inputs = recording.files();
    }
    String fingerprint =
        SpecWriter.toJson(SpecWriter.toMap(spec)) + "\n" + SpecWriter.toJson(inputs);
    int workers = spec.threads() != null ? spec.threads() : options.threads();
    RunOptions runOptions = new RunOptions(spec.iterations(), spec.metricsEvery(), workers);
    if ((options.checkpointEvery() > 0 || options.resume()) && !engine.supportsCheckpoints()) {
      throw new InvalidInputException(
          "runtime '"
              + spec.runtime().type()
              + "' does not support --checkpoint-every/--resume (checkpoints in the results"
              + " folder); see its own parameters in the README (e.g. pekko's checkpoint_every"
              + " recovers a run from a lost node)");
    }
    Checkpoint resumeFrom = null;
    List<String> earlier = List.of();
    if (options.resume() && !Files.isRegularFile(checkpointFile)) {
      LOG.info(
          "{}: --resume, but no checkpoint in {}; starting from iteration 0", cell.name(), dir);
    }
    if (options.resume() && Files.isRegularFile(checkpointFile)) {
      try {
        resumeFrom = CheckpointFiles.read(checkpointFile, fingerprint);
        checkUsable(checkpointFile, resumeFrom, spec, run);
        earlier =
            MetricsCsv.rowsUpTo(
                AtomicFiles.temporarySibling(metrics),
                resumeFrom.iteration(),
                runOptions,
                spec.adversary() != null);
        LOG.info(
            "{}: resuming from the checkpoint at iteration {}",
            cell.name(),
            resumeFrom.iteration());
        progress.iterations(resumeFrom.iteration());
      } catch (InvalidInputException e) {
        if (!options.force()) {
          throw e;
        }
        LOG.warn(
            "{}: --force: {}; starting over, the old files were moved to {}",
            cell.name(),
            e.getMessage(),
            CellFolder.moveAside(dir));
        resumeFrom = null;
        earlier = List.of();
      }
    }
    RunResult result;
    try (MetricsCsv csv = new MetricsCsv(metrics, earlier, spec.adversary() != null)) {
      RunListener listener =
          new RunListener() {
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
      CheckpointPolicy policy =
          new CheckpointPolicy(
              options.checkpointEvery(),
              c -> {
                csv.flush();
                CheckpointFiles.write(checkpointFile, fingerprint, c);
              },
              resumeFrom);
      result = engine.run(run, request, runOptions, listener, policy);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write results in " + dir, e);
    }
    AtomicFiles.writeString(manifest, manifest(spec, run, result, inputs).toJson());
    try {
      Files.deleteIfExists(checkpointFile);
    } catch (IOException e) {
      LOG.warn("{}: cannot delete {}: {}", cell.name(), checkpointFile, e.getMessage());
    }
    progress.cellFinished(cell.name());
    return new CellResult(
        cell.name(), cell.values(), dir, result.last(), run.optimum().initialValue(), false);
  }

  /** Refuses a checkpoint (of this spec) that does not fit the run it would continue. */
  private static void checkUsable(Path file, Checkpoint c, ExperimentSpec spec, AssembledRun run) {
    String hint = "; --resume --force starts the cell over (the old files are moved aside)";
    if (c.iteration() < 1 || c.iteration() >= spec.iterations()) {
      throw new InvalidInputException(
          file
              + ": iteration "
              + c.iteration()
              + " is not within [1, "
              + spec.iterations()
              + ") of this run"
              + hint);
    }
    int agents = run.algorithm().agents().size();
    if (c.agents().size() != agents) {
      throw new InvalidInputException(
          file + ": holds " + c.agents().size() + " agents, the run has " + agents + hint);
    }
  }

  private RunEngine engine(ExperimentSpec spec) {
    ComponentSpec block =
        spec.runtime() != null ? spec.runtime() : ComponentSpec.of(InProcessRuntimeProvider.NAME);
    RuntimeProvider provider = registry.runtime(block.type());
    Parameters params =
        ComponentRegistry.parameters(
            ComponentRegistry.Family.RUNTIME, provider, block.parameters(), Path.of("."));
    return provider.create(
        params, new RuntimeContext(RandomSource.of(spec.seed()).child("runtime"), registry));
  }

  private static CellResult finished(Sweeps.Cell cell, Path dir, Path manifest) {
    RunManifest m = RunManifest.read(manifest);
    if (m.last() == null) {
      throw new InvalidInputException(
          manifest + ": manifest has no final row; move the folder " + "away to rerun");
    }
    return new CellResult(
        cell.name(), cell.values(), dir, m.last().toMetrics(), m.optimalValueOrNaN(), true);
  }

  private RunManifest manifest(
      ExperimentSpec spec, AssembledRun run, RunResult result, List<InputFiles.InputFile> inputs) {
    List<Map<String, Object>> plugins = Provenance.plugins(registry.plugins());
    boolean communicates = run.topology() != null && run.algorithm().usesTopology();
    return new RunManifest(
        RunManifest.FORMAT,
        resolvedSpec(spec, run),
        spec.seed(),
        Provenance.version(),
        Provenance.git(),
        Provenance.java(),
        run.mdp().agents(),
        run.mdp().states(),
        run.mdp().actions(),
        run.mdp().gamma(),
        run.algorithm().tau(),
        communicates ? RunManifest.finite(run.topology().sigma()) : null,
        RunManifest.finite(run.optimum().initialValue()),
        run.optimum().sweeps(),
        new EnvironmentFacts(run.environment().manifestInfo()),
        run.topology() == null ? null : new TopologyFacts(run.topology().report()),
        run.algorithm().manifestInfo(),
        new TheoryFacts(run.algorithm().theory(spec.iterations())),
        result.nanos() / 1_000_000,
        RunManifest.FinalRow.of(result.last()),
        SpecWriter.toMap(spec),
        inputs,
        plugins);
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
    ComponentSpec given = spec.component(ComponentRegistry.Family.of(family));
    b.put(
        "type", given != null ? given.type() : RunAssembler.EXACT); // only the evaluator is implied
    b.putAll(SpecWriter.nest(p.asMap()));
    return b;
  }
}
