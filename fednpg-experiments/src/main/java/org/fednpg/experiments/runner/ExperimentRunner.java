package org.fednpg.experiments.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fednpg.api.FedNpgException;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.Parameters;
import org.fednpg.api.io.AtomicFiles;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.plugin.ComponentRegistry;
import org.fednpg.core.run.ComponentSpec;
import org.fednpg.experiments.results.CsvTables;
import org.fednpg.experiments.results.FolderLock;
import org.fednpg.experiments.results.RunManifest;
import org.fednpg.experiments.spec.ExperimentSpec;
import org.fednpg.experiments.spec.Sweeps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a spec into a folder: {@code metrics.csv} and {@code manifest.json} for a single run; one
 * sub-folder per cell plus {@code summary.csv} for a sweep. Before any work: every cell is
 * validated, its memory estimated against the heap, the sweep's size capped, and every existing
 * cell folder checked (not locked by another run, not foreign). Each cell runs holding its folder's
 * {@link FolderLock}. The manifest is written last and atomically, so its presence marks a finished
 * cell; it records the input files read (path, size, SHA-256). A finished cell is skipped on re-run
 * when its spec and input files are unchanged, refused otherwise (or redone with {@code --force},
 * the old result moved aside); a cell interrupted half-way is redone, or continued with {@code
 * --resume} from a verified checkpoint and verified partial metrics.
 */
public final class ExperimentRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);

  /** Checkpoint file name inside a cell folder. */
  public static final String CHECKPOINT = CellFolder.CHECKPOINT;

  private final ComponentRegistry registry;
  private final RunnerOptions options;
  private final CellRunner cellRunner;

  /**
   * @param registry where components come from
   * @param options threads, parallel cells, checkpoints, resume
   */
  public ExperimentRunner(ComponentRegistry registry, RunnerOptions options) {
    this.registry = registry;
    this.options = options;
    this.cellRunner = new CellRunner(registry, options);
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
      List<CellResult> results =
          spec.sweep().isEmpty()
              ? List.of(runCell(cells.get(0), baseDirectory, out, progress))
              : runAll(cells, baseDirectory, out, progress);
      long skipped = results.stream().filter(CellResult::skipped).count();
      if (skipped > 0) { // one line for all, not one per cell
        LOG.info(
            "{}: {} of {} cells already finished in {}, skipped",
            spec.name(),
            skipped,
            results.size(),
            out);
      }
      if (!spec.sweep().isEmpty()) {
        writeSummary(spec, results, out.resolve("summary.csv"));
      }
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
      FolderLock.holder(dir)
          .ifPresent(
              h -> {
                throw new InvalidInputException(
                    dir.toAbsolutePath().normalize()
                        + " is in use by another fednpg run ("
                        + h
                        + "); wait for it to finish or choose "
                        + "another output folder");
              });
      CellFolder.inspect(
          dir, CellRunner.cellSpec(cell.spec()), cellRunner.plugins(), options.force());
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
        futures.add(
            pool.submit(() -> runCell(cell, baseDirectory, out.resolve(cell.name()), progress)));
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

  private CellResult runCell(Sweeps.Cell cell, Path baseDirectory, Path dir, Progress progress) {
    return cellRunner.run(cell, baseDirectory, dir, progress);
  }

  /** Checks every component's type and parameters (cheap: nothing is built). */
  private Parameters validate(ExperimentSpec spec, Path baseDirectory) {
    Parameters environment = null;
    for (ComponentRegistry.Family family : ComponentRegistry.Family.values()) {
      Parameters p = check(family, spec.component(family), baseDirectory);
      if (family == ComponentRegistry.Family.ENVIRONMENT) {
        environment = p;
      }
    }
    return environment;
  }

  private Parameters check(
      ComponentRegistry.Family family, ComponentSpec block, Path baseDirectory) {
    if (block == null) {
      return null;
    }
    return ComponentRegistry.parameters(
        family, registry.provider(family, block.type()), block.parameters(), baseDirectory);
  }

  /** {@code summary.csv}: one row per cell, by column name (NaN as an empty cell). */
  private static void writeSummary(ExperimentSpec spec, List<CellResult> results, Path file) {
    List<String> keys = new ArrayList<>(spec.sweep().keySet());
    List<String> columns = new ArrayList<>(List.of("cell"));
    columns.addAll(keys);
    columns.addAll(
        List.of(
            "iterations",
            "value",
            "optimal_value",
            "optimality_gap",
            "q_error",
            "consensus",
            "elapsed_ms"));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (CellResult r : results) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("cell", r.name());
      keys.forEach(k -> row.put(k, Sweeps.label(r.values().get(k))));
      IterationMetrics l = r.last();
      row.put("iterations", l.iteration());
      row.put("value", RunManifest.finite(l.value()));
      row.put("optimal_value", RunManifest.finite(r.optimalValue()));
      row.put("optimality_gap", RunManifest.finite(l.optimalityGap()));
      row.put("q_error", RunManifest.finite(l.qError()));
      row.put("consensus", RunManifest.finite(l.consensus()));
      row.put("elapsed_ms", l.elapsedMs());
      rows.add(row);
    }
    AtomicFiles.writeString(file, CsvTables.write(columns, rows));
  }
}
