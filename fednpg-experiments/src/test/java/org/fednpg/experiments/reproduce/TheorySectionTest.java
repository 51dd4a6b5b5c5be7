package org.fednpg.experiments.reproduce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.experiments.results.ResultsReader;
import org.fednpg.experiments.runner.CellResult;
import org.fednpg.experiments.runner.ExperimentRunner;
import org.fednpg.experiments.runner.RunnerOptions;
import org.fednpg.experiments.spec.SpecParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REPORT.md theory section over two real runs: one whose step Lemma D.2 certifies (γ = 0.2, σ =
 * 0, τ = 0.5, η = 1: inside the certified interval, see LemmaD2Test) and one at γ = 0.9 where no
 * step is certified.
 */
class TheorySectionTest {

  private static final Logger LOG = LoggerFactory.getLogger(TheorySectionTest.class);

  @TempDir Path dir;

  private List<CellResult> run(String yaml, String name) {
    return new ExperimentRunner(Plugins.registry(), RunnerOptions.simple(1))
        .run(SpecParser.parse(yaml, name), Path.of("."), dir.resolve(name));
  }

  @Test
  void comparesMeasuredRatesWithTheCertificate() {
    List<CellResult> certified =
        run(
            """
        name: certified
        seed: 3
        iterations: 60
        gamma: 0.2
        environment: {type: garnet, states: 6, actions: 2, branching: 2, agents: 3}
        topology: {type: complete, weights: equal}
        algorithm: {type: fednpg, eta: 1.0, tau: 0.5}
        """,
            "certified");
    List<CellResult> paper =
        run(
            """
        name: beyond
        seed: 3
        iterations: 30
        gamma: 0.9
        environment: {type: garnet, states: 6, actions: 2, branching: 2, agents: 5}
        topology: {type: ring, neighbors: 1, weights: equal}
        algorithm: {type: fednpg, eta: 0.1, tau: 0.05}
        """,
            "beyond");
    JsonNode t = ResultsReader.manifest(certified.get(0).directory()).get("theory");
    assertThat(t.get("eta_within_certificate").asBoolean()).isTrue();
    double rho = t.get("rho").asDouble();
    double measured =
        Runs.linearRate(
            ResultsReader.metrics(certified.get(0).directory()),
            IterationMetrics::qError,
            SpectralExperiment.RATE_FLOOR,
            SpectralExperiment.RATE_CEILING);
    assertThat(measured).isLessThan(rho); // Theorem 3.6 where it applies

    Map<String, List<CellResult>> ran = new LinkedHashMap<>();
    ran.put("certified", certified);
    ran.put("beyond", paper);
    String md = TheorySection.body(ran);
    LOG.info("theory section:\n{}", md);
    assertThat(md)
        .contains(
            "| certified | fednpg | 1 | 3 | 2 | 0.2 | 0.5 | 1 | 0 | " + Markdown.num(rho) + " | ");
    assertThat(md).contains("certified; measured ≤ ρ (agrees)");
    assertThat(md).contains("no step certified: ‖A(η)‖₂ ≥ 1 for every η ≤ (1−γ)/τ");
    assertThat(md)
        .contains(
            "beyond Lemma D.2's certificate (ρ ≥ 1) in 1 of 2 settings; "
                + "η = 0.1, the paper's step, is beyond it in 1 of the 1 settings");
    assertThat(md).contains("the measured rate is ≤ ρ in 1 and above it in 0");
    // the certified run's ρ against the informal bound, both read from its manifest
    boolean above = rho > t.get("rate_bound").asDouble();
    assertThat(md).contains("ρ exceeds that bound in " + (above ? 1 : 0) + " of 1 certified");
  }
}
