package org.fednpg.experiments.reproduce;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.Environment;
import org.fednpg.api.EnvironmentContext;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.RandomSource;
import org.fednpg.api.io.AtomicFiles;
import org.fednpg.core.plugin.ComponentRegistry;
import org.fednpg.core.plugin.ComponentRegistry.Family;
import org.fednpg.core.run.AssembledRun;
import org.fednpg.core.run.RunAssembler;
import org.fednpg.core.run.RunRequest;
import org.fednpg.envs.GridWorld;
import org.fednpg.experiments.plots.GridWorldPicture;
import org.fednpg.experiments.results.Provenance;
import org.fednpg.experiments.results.ResultsReader;
import org.fednpg.experiments.runner.CellResult;
import org.fednpg.experiments.runner.ExperimentRunner;
import org.fednpg.experiments.runner.RunnerOptions;
import org.fednpg.experiments.spec.ExperimentSpec;
import org.fednpg.experiments.spec.SpecParser;
import org.fednpg.experiments.spec.SpecWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the shipped experiments (all, or those named; {@code paper} names the paper's own four,
 * {@code paper-fig2..5}), each into {@code out/NAME/}, draws their figures and writes {@code
 * out/REPORT.md}: first the table of the paper's claims beside our measurements and verdicts, then
 * the paper's experiments, then the experiments beyond the paper (our reconstruction, SPEC §8).
 * Finished cells are skipped, so a second reproduction over the same folder only redraws.
 */
public final class Reproduction {

  private static final Logger LOG = LoggerFactory.getLogger(Reproduction.class);

  /** Names the paper's own experiments on the command line. */
  public static final String PAPER = "paper";

  private static final List<PaperFigure> PAPER_FIGURES =
      List.of(
          new PaperFig2Experiment(),
          new PaperFig3Experiment(),
          new PaperFig4Experiment(),
          new PaperFig5Experiment());

  private static final List<PaperExperiment> EXPERIMENTS =
      List.of(
          PAPER_FIGURES.get(0),
          PAPER_FIGURES.get(1),
          PAPER_FIGURES.get(2),
          PAPER_FIGURES.get(3),
          new MapSizeExperiment(),
          new AgentsExperiment(),
          new TopologyExperiment(),
          new QTrackingExperiment(),
          new RobustnessExperiment(),
          new SpectralExperiment(),
          new StepEntropyExperiment(),
          new FedNacExperiment(),
          new FedNacPaperExperiment(),
          new ByzantineExperiment());

  private final ComponentRegistry registry;
  private final RunnerOptions options;

  public Reproduction(ComponentRegistry registry, RunnerOptions options) {
    this.registry = registry;
    this.options = options;
  }

  /** Names of every shipped experiment, in report order. */
  public static List<String> names() {
    List<String> n = new ArrayList<>();
    EXPERIMENTS.forEach(e -> n.add(e.name()));
    return n;
  }

  /** The shipped spec of one experiment. */
  public static ExperimentSpec spec(String name, boolean quick) {
    PaperExperiment e = find(name);
    String resource = e.resource(quick);
    try (InputStream in = Reproduction.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return SpecParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), e.name());
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read " + resource, ex);
    }
  }

  private static PaperExperiment find(String name) {
    for (PaperExperiment e : EXPERIMENTS) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    throw new InvalidInputException(
        "unknown experiment '" + name + "'; available: " + String.join(", ", names()));
  }

  /**
   * What one experiment produced.
   *
   * @param name experiment name
   * @param cells its cells
   * @param skipped cells already finished before this invocation
   * @param time wall time of this invocation
   * @param runTime wall time spent running its cells, summed over the invocations that ran some
   *     (kept in {@code NAME/timing.json}, so a re-run that only redraws keeps the original)
   * @param cellTime the cells' own run times summed (from their manifests)
   */
  public record Outcome(
      String name, int cells, int skipped, Duration time, Duration runTime, Duration cellTime) {}

  /** File in an experiment's folder with the wall time its cells took to run. */
  static final String TIMING = "timing.json";

  /**
   * Runs the named experiments (all when empty) and writes the report.
   *
   * @return one outcome per experiment
   */
  public List<Outcome> run(List<String> selected, boolean quick, Path out) {
    List<PaperExperiment> chosen = new ArrayList<>();
    if (selected.isEmpty()) {
      chosen.addAll(EXPERIMENTS);
    } else {
      for (String n : selected) {
        if (n.equals(PAPER)) {
          PAPER_FIGURES.stream().filter(f -> !chosen.contains(f)).forEach(chosen::add);
        } else if (!chosen.contains(find(n))) {
          chosen.add(find(n));
        }
      }
      // keep the report whole: experiments finished earlier in this folder are re-analysed
      for (PaperExperiment e : EXPERIMENTS) {
        if (!chosen.contains(e) && finished(spec(e.name(), quick), out.resolve(e.name()))) {
          chosen.add(e);
        }
      }
      chosen.sort(java.util.Comparator.comparingInt(EXPERIMENTS::indexOf));
    }
    Map<String, String> sections = new LinkedHashMap<>();
    Map<String, String> paperSections = new LinkedHashMap<>();
    Map<PaperFigure, List<Claim>> claims = new LinkedHashMap<>();
    List<Outcome> outcomes = new ArrayList<>();
    Map<String, List<CellResult>> ran = new LinkedHashMap<>();
    for (PaperExperiment e : chosen) {
      long start = System.nanoTime();
      ExperimentSpec spec = spec(e.name(), quick);
      Path dir = out.resolve(e.name());
      LOG.info("experiment {} ({} iterations per cell)", e.name(), spec.iterations());
      List<CellResult> cells = new ExperimentRunner(registry, options).run(spec, Path.of("."), dir);
      ran.put(e.name(), cells);
      if (e instanceof MapSizeExperiment) {
        drawMap(spec, dir.resolve("gridworld-map.png"));
      }
      loadEntropyShares(dir.resolve(ENTROPY_SHARES));
      Runs runs = new Runs(cells, this::entropyShare);
      saveEntropyShares(dir.resolve(ENTROPY_SHARES));
      String body = e.analyse(runs, dir, e.name(), spec.iterations());
      String section =
          "_"
              + e.question()
              + "_\n\nSetting (from the manifests): "
              + Figures.setting(runs.all())
              + ", "
              + spec.iterations()
              + " iterations.\n\n"
              + body;
      if (e instanceof PaperFigure f) {
        if (paperSections.isEmpty()) {
          paperSections.put("Figure 1: the maps (N = 3, K = 9)", drawFigure1(out, spec.seed()));
        }
        paperSections.put(e.title(), section);
        claims.put(f, f.claims(runs, spec.iterations()));
      } else {
        sections.put(e.title(), section);
      }
      int skipped = (int) cells.stream().filter(CellResult::skipped).count();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      Duration runTime =
          recordRunTime(dir.resolve(TIMING), skipped < cells.size() ? took : Duration.ZERO);
      long cellMs = 0;
      for (Runs.Run r : runs.all()) {
        cellMs += r.manifest().path("elapsed_ms").asLong();
      }
      outcomes.add(
          new Outcome(e.name(), cells.size(), skipped, took, runTime, Duration.ofMillis(cellMs)));
    }
    String theory = TheorySection.body(ran);
    List<Claim> table = new ArrayList<>();
    for (PaperFigure f : PAPER_FIGURES) {
      table.addAll(claims.containsKey(f) ? claims.get(f) : f.notRun());
    }
    writeReport(out.resolve("REPORT.md"), table, paperSections, sections, theory, quick, outcomes);
    return outcomes;
  }

  /**
   * The paper's Figure 1 from our GridWorld: N = 3 agents, K = 9, the path drawn from the paper
   * experiments' seed; one panel per agent with its segment shaded.
   */
  private String drawFigure1(Path out, long seed) {
    EnvironmentProvider p = registry.environment("gridworld");
    Environment env =
        p.create(
            ComponentRegistry.parameters(
                Family.ENVIRONMENT, p, Map.of("size", 9, "agents", 3), Path.of(".")),
            new EnvironmentContext(RandomSource.of(seed).child("environment")));
    GridWorld.Layout layout = ((GridWorld) env).layout();
    String file = "paper-fig1/gridworld-N3-K9.png";
    org.fednpg.experiments.plots.PaperCharts.agentMaps(
        layout,
        out.resolve(file),
        "Our GridWorld (SPEC §6), K = 9, N = 3, path "
            + layout.path()
            + " (seed "
            + seed
            + "; the path and its split are our choice)");
    return "_The paper's Figure 1 drawn from our GridWorld: each agent's map shows the whole "
        + "path with only that agent's segment shaded (the cells where it is rewarded). The "
        + "paper does not say how its path is chosen or split; ours is drawn uniformly from "
        + "seed "
        + seed
        + " and split into contiguous, near-equal segments (SPEC §6, our "
        + "choice)._\n\n"
        + Markdown.figure("Figure 1 (ours): N = 3, K = 9", file);
  }

  /** Cache of computed entropy shares in an experiment's folder (a re-run only redraws). */
  static final String ENTROPY_SHARES = "entropy-shares.json";

  private final Map<String, Double> entropyShares = new java.util.TreeMap<>();

  private void loadEntropyShares(Path file) {
    entropyShares.clear();
    if (java.nio.file.Files.isRegularFile(file)) {
      try {
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(file.toFile())
            .properties()
            .forEach(e -> entropyShares.put(e.getKey(), e.getValue().asDouble()));
      } catch (IOException ex) {
        throw new InvalidInputException(
            file + ": unreadable (" + ex.getMessage() + "); delete it to recompute", ex);
      }
    }
  }

  private void saveEntropyShares(Path file) {
    if (!entropyShares.isEmpty()) {
      AtomicFiles.writeString(file, SpecWriter.toJson(entropyShares) + "\n");
    }
  }

  /**
   * τ·H_γ(π_τ*)(ρ) / V_τ*(ρ) of a cell with τ &gt; 0 (NaN for τ = 0): the model and π_τ* are
   * rebuilt from the cell's spec (cached per environment, γ, seed and τ; the topology does not
   * matter).
   */
  private double entropyShare(CellResult cell) {
    com.fasterxml.jackson.databind.JsonNode manifest = ResultsReader.manifest(cell.directory());
    double tau = manifest.path("tau").asDouble(0);
    if (!(tau > 0)) {
      return Double.NaN;
    }
    ExperimentSpec spec = SpecParser.parse(manifest.get("cell_spec").toString(), cell.name());
    String key =
        SpecWriter.toJson(
            List.of(
                SpecWriter.toMap(spec).get("environment"),
                String.valueOf(spec.gamma()),
                spec.seed(),
                tau));
    return entropyShares.computeIfAbsent(
        key,
        k -> {
          RunRequest request =
              new RunRequest(
                  spec.seed(),
                  spec.gamma(),
                  spec.environment(),
                  spec.topology(),
                  spec.evaluator(),
                  spec.algorithm(),
                  Path.of("."),
                  spec.adversary());
          AssembledRun run = new RunAssembler(registry).assemble(request);
          return EntropyShare.of(
              run.mdp(), run.optimum().policy(), tau, run.optimum().initialValue());
        });
  }

  /** Adds {@code ran} to the run time stored in {@code file} and returns the total. */
  private static Duration recordRunTime(Path file, Duration ran) {
    long ms = 0;
    if (java.nio.file.Files.isRegularFile(file)) {
      try {
        ms =
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(file.toFile())
                .path("run_wall_ms")
                .asLong();
      } catch (IOException ex) {
        throw new InvalidInputException(
            file + ": unreadable (" + ex.getMessage() + "); delete it to start the timing afresh",
            ex);
      }
    }
    ms += ran.toMillis();
    if (!ran.isZero() || !java.nio.file.Files.isRegularFile(file)) {
      AtomicFiles.writeString(file, "{\"run_wall_ms\": " + ms + "}\n");
    }
    return Duration.ofMillis(ms);
  }

  private static boolean finished(ExperimentSpec spec, Path dir) {
    for (org.fednpg.experiments.spec.Sweeps.Cell c :
        org.fednpg.experiments.spec.Sweeps.expand(spec)) {
      if (!java.nio.file.Files.isRegularFile(dir.resolve(c.name()).resolve("manifest.json"))) {
        return false;
      }
    }
    return true;
  }

  private void drawMap(ExperimentSpec spec, Path file) {
    EnvironmentProvider p = registry.environment("gridworld");
    Environment env =
        p.create(
            ComponentRegistry.parameters(
                Family.ENVIRONMENT, p, Map.of("size", 10, "agents", 10), Path.of(".")),
            new EnvironmentContext(RandomSource.of(spec.seed()).child("environment")));
    GridWorldPicture.write(((GridWorld) env).layout(), file);
  }

  private static void writeReport(
      Path file,
      List<Claim> claims,
      Map<String, String> paper,
      Map<String, String> sections,
      String theory,
      boolean quick,
      List<Outcome> outcomes) {
    StringBuilder b = new StringBuilder("# fednpg reproduction report\n\n");
    b.append("## The paper's claims beside our numbers\n\n");
    if (quick) {
      b.append(
          "**Quick mode:** tiny sizes and 30 iterations — these verdicts test the pipeline, "
              + "not the paper.\n\n");
    }
    b.append(
            "One row per claim of the paper's Appendix H. Settings in italics are ours where "
                + "the paper is silent. Verdicts are computed from the measured numbers by the rule in "
                + "the last column (our choice of rule); \"settles\" means the normalised gap "
                + "(V*_τ − V̄_τ)/V*_τ stays ≤ 1e-3 from that iteration to the end of the run.\n\n")
        .append(Claim.table(claims))
        .append('\n');
    b.append("## Runs\n\n");
    b.append("Generated by `fednpg reproduce")
        .append(quick ? " --quick" : "")
        .append("` (fednpg ")
        .append(Provenance.version())
        .append(", git ")
        .append(Provenance.git())
        .append(", ")
        .append(Provenance.java())
        .append(
            "). Every number below is read from the runs' "
                + "metrics in this folder. The GridWorld is *our reconstruction* of the paper's "
                + "(SPEC §6); its path is drawn from the seed only, so runs with the same seed share "
                + "it across N, τ and topologies. In figures, solid lines are means over seeds and "
                + "dashed lines their min–max (the legend says over how many seeds; none when one "
                + "seed). \"Iterations until the gap stays ≤ 1e-3\" is the first iteration after which "
                + "the optimality gap never exceeds 1e-3 again within the run; a run whose last gap "
                + "is above 1e-3 is marked **did not converge**, and the final gap is always given "
                + "beside it.\n\n");
    if (quick) {
      b.append(
          "**Quick mode:** sizes and iterations are shrunk for a smoke run; the findings "
              + "are not the paper's experiments.\n\n");
    }
    b.append(
        "| experiment | cells | skipped (already finished) | run time (wall) | cells' "
            + "time (sum) |\n|---|---|---|---|---|\n");
    for (Outcome o : outcomes) {
      b.append("| ")
          .append(o.name())
          .append(" | ")
          .append(o.cells())
          .append(" | ")
          .append(o.skipped())
          .append(" | ")
          .append(Markdown.num(o.runTime().toMillis() / 1000.0))
          .append(" s | ")
          .append(Markdown.num(o.cellTime().toMillis() / 1000.0))
          .append(" s |\n");
    }
    b.append(
        "\nRun time is the wall time spent running an experiment's cells (kept from the "
            + "run that computed them; a re-run that finds them finished only redraws); cells' time "
            + "adds up each cell's own run time, which exceeds the wall time when cells run in "
            + "parallel.\n");
    b.append('\n');
    if (!paper.isEmpty()) {
      b.append("## The paper's experiments, as the paper states them\n\n");
      paper.forEach(
          (title, body) -> b.append("### ").append(title).append("\n\n").append(body).append('\n'));
    }
    // the certificate covers the paper's runs and ours alike: a section of its own
    b.append("## ").append(TheorySection.TITLE).append("\n\n").append(theory).append('\n');
    if (!sections.isEmpty()) {
      b.append("## Beyond the paper (our reconstruction)\n\n");
      sections.forEach(
          (title, body) -> b.append("### ").append(title).append("\n\n").append(body).append('\n'));
    }
    AtomicFiles.writeString(file, b.toString());
  }
}
