package org.fednpg.experiments.reproduce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.experiments.results.MetricsCsv;
import org.fednpg.experiments.runner.CellResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byzantine report section on hand-made cells whose answers are read off the curves: which rule
 * survives which attack (gap ≤ max(10 × the mean's f = 0 gap, 1e-3)), the best rule per attack, the
 * price of robustness at f = 0 (stays-below 1e-3) and the figures.
 */
class ByzantineExperimentTest {

  @TempDir Path tmp;

  private CellResult cell(int f, String attack, String rule, double... gaps) throws IOException {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("adversary.count", f);
    values.put("adversary.attack", attack);
    values.put("algorithm.aggregation", rule);
    Path dir = Files.createDirectories(tmp.resolve(f + "-" + attack + "-" + rule));
    List<IterationMetrics> rows = new ArrayList<>();
    try (MetricsCsv csv = new MetricsCsv(dir.resolve("metrics.csv"), List.of(), true)) {
      for (int t = 0; t < gaps.length; t++) {
        IterationMetrics m =
            new IterationMetrics(t, 0.5 - gaps[t], gaps[t], 0, 0.01, 0, 0, 0, 0, 0, 0, 0.1 * t);
        rows.add(m);
        csv.onIteration(m);
      }
      csv.onFinish();
    }
    Files.writeString(
        dir.resolve("manifest.json"),
        "{\"seed\": 1, \"agents\": 10, \"states\": 16, \"tau\": 0.01, \"gamma\": 0.9}");
    return new CellResult(
        dir.getFileName().toString(), values, dir, rows.get(rows.size() - 1), 0.5, false);
  }

  @Test
  void survivalBestRuleAndPriceAreComputedFromTheNumbers() throws IOException {
    List<CellResult> cells = new ArrayList<>();
    for (String attack : List.of("sign-flip", "stale")) {
      // f = 0: the mean stays below 1e-3 from iteration 2; clipping never gets below 1e-3
      cells.add(cell(0, attack, "mean", 0.1, 0.01, 5e-4, 2e-4, 1e-4));
      cells.add(cell(0, attack, "clipped", 0.1, 0.05, 0.01, 8e-3, 5e-3));
    }
    cells.add(cell(1, "sign-flip", "mean", 0.1, 0.2, 0.2, 0.2, 0.2));
    cells.add(cell(1, "sign-flip", "clipped", 0.1, 0.01, 1e-3, 6e-4, 5e-4));
    cells.add(cell(1, "stale", "mean", 0.1, 0.05, 0.05, 0.05, 0.05));
    cells.add(cell(1, "stale", "clipped", 0.1, 0.05, 0.03, 0.02, 0.02));
    Path out = Files.createDirectories(tmp.resolve("figures"));
    String md = new ByzantineExperiment().analyse(new Runs(cells), out, "byzantine", 4);

    // threshold max(10 × 1e-4, 1e-3) = 1e-3: only clipping against sign-flip (5e-4) is below it
    assertThat(md).contains("f = 1: **mean** survives no attack");
    assertThat(md).contains("f = 1: **clipped** survives sign-flip\n");
    // 0.2 / 5e-4 = 400; 0.05 / 0.02 = 2.5
    assertThat(md)
        .contains(
            "f = 1, sign-flip: lowest honest gap with **clipped** ("
                + Markdown.num(5e-4)
                + ", "
                + Markdown.num(400)
                + "×");
    assertThat(md)
        .contains(
            "f = 1, stale: lowest honest gap with **clipped** ("
                + Markdown.num(0.02)
                + ", "
                + Markdown.num(2.5)
                + "×");
    String mean = "stays ≤ 1e-3 from iteration 2 (final gap " + Markdown.num(1e-4) + ")";
    assertThat(md).contains("f = 0: **mean** " + mean + "\n");
    assertThat(md)
        .contains(
            "f = 0: **clipped** does not stay ≤ 1e-3 within 4 iterations in 1 of 1 seeds (final"
                + " gap "
                + Markdown.num(5e-3)
                + "); the mean "
                + mean);
    assertThat(md).contains("byzantine/heat-1.png").contains("Beyond the paper");
    for (String png : List.of("heat-1.png", "trajectory-1.png", "drift-1.png", "gap-1.png")) {
      assertThat(out.resolve(png)).isNotEmptyFile();
    }
  }
}
