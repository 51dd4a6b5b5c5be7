package org.fednpg.topologies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fednpg.api.Topology;
import org.fednpg.api.model.MixingMatrix;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;

/** Time-varying topologies: per-round determinism, validity of every W^(t), the report. */
class LinkDropTest {

  private static Topology ring(long seed, double drop) {
    return TopologyTesting.build("ring", Map.of("neighbors", 2, "drop", drop), 20, seed);
  }

  @Test
  void roundsAreDeterministicRegardlessOfCallOrder() {
    Topology a = ring(5, 0.3);
    Topology b = ring(5, 0.3);
    List<MixingMatrix> forward = new ArrayList<>();
    for (int t = 0; t < 50; t++) {
      forward.add(a.mixing(t));
    }
    for (int t = 49; t >= 0; t--) {
      assertThat(b.mixing(t)).isEqualTo(forward.get(t));
    }
    Topology c = ring(6, 0.3);
    int differ = 0;
    for (int t = 0; t < 50; t++) {
      if (!c.mixing(t).equals(forward.get(t))) {
        differ++;
      }
    }
    assertThat(differ).isGreaterThan(0);
  }

  @Test
  void concurrentCallsSeeTheSameMatrices() throws Exception {
    Topology reference = ring(8, 0.4);
    Topology shared = ring(8, 0.4);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        int offset = thread;
        results.add(
            pool.submit(
                () -> {
                  boolean same = true;
                  for (int i = 0; i < 200; i++) {
                    long round = (i * 7L + offset) % 40;
                    same &= shared.mixing(round).equals(reference.mixing(round));
                  }
                  return same;
                }));
      }
      for (Future<Boolean> f : results) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdown();
    }
  }

  /**
   * The ring's default rule is {@code equal}; on a surviving graph (usually irregular) the round
   * uses Metropolis weights 1/(1 + max(d_n, d_m)), recomputed here from the surviving degrees.
   */
  @Test
  void everyRoundIsMetropolisOnTheSurvivingLinks() {
    GraphTopology t = (GraphTopology) ring(9, 0.3);
    for (long round = 0; round < 30; round++) {
      CommunicationGraph up = t.linksUp(round);
      MixingMatrix w = t.mixing(round);
      TopologyTesting.assertDoublyStochasticOn(w, up);
      for (int[] e : up.edges()) {
        double expected = 1.0 / (1 + Math.max(up.degree(e[0]), up.degree(e[1])));
        assertThat(w.weight(e[0], e[1])).isCloseTo(expected, within(Tolerances.EXACT));
      }
    }
  }

  /**
   * 200 rounds × 40 links = 8000 independent drops with p = 0.3: the empirical rate has sd
   * sqrt(0.21/8000) ≈ 0.0051; a 5-sd band fails by chance with probability below 1e-6.
   */
  @Test
  void linksFailAtTheRequestedRate() {
    GraphTopology t = (GraphTopology) ring(10, 0.3);
    int dropped = 0;
    for (long round = 0; round < 200; round++) {
      dropped += t.graph().edgeCount() - t.linksUp(round).edgeCount();
    }
    double rate = dropped / (200.0 * t.graph().edgeCount());
    assertThat(rate).isCloseTo(0.3, within(5 * Math.sqrt(0.21 / 8000)));
  }

  @Test
  void reportHasMeanSigmaOfTheRounds() {
    Topology t =
        TopologyTesting.build(
            "torus", Map.of("rows", 4, "cols", 4, "weights", "lazy", "drop", 0.1), 16, 3);
    Map<String, Object> report = t.report();
    int rounds = ((Number) report.get("mean_sigma_rounds")).intValue();
    assertThat(rounds).isEqualTo(GraphTopology.MEAN_SIGMA_ROUNDS);
    double mean = 0;
    for (int r = 0; r < rounds; r++) {
      mean += TopologyTesting.jacobiSigma(t.mixing(r));
    }
    mean /= rounds;
    assertThat((Double) report.get("mean_sigma")).isCloseTo(mean, within(Tolerances.EXACT));
    assertThat((Double) report.get("mean_sigma")).isGreaterThan(t.sigma());
    assertThat(report.keySet())
        .containsSubsequence(
            "sigma",
            "spectral_gap",
            "consensus_time",
            "min_degree",
            "max_degree",
            "weights",
            "drop",
            "mean_sigma");
    assertThat(report.get("weights")).isEqualTo("lazy(metropolis)");
  }

  @Test
  void noDropIsStatic() {
    Topology t = ring(1, 0.0);
    assertThat(t.isTimeVarying()).isFalse();
    assertThat(t.mixing(17)).isSameAs(t.mixing(0));
    assertThat(t.report()).doesNotContainKey("mean_sigma");
  }

  @Test
  void fileMatrixWithDropMovesWeightToTheDiagonal() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("w");
    MixingMatrix w =
        WeightRules.random()
            .weights(GraphGenerators.complete(6), org.fednpg.api.RandomSource.of(4));
    MixingMatrixCsv.write(w, dir.resolve("W.csv"));
    GraphTopology t =
        (GraphTopology)
            TopologyTesting.build("file", Map.of("path", "W.csv", "drop", 0.5), 6, 2, dir);
    for (long round = 0; round < 20; round++) {
      CommunicationGraph up = t.linksUp(round);
      MixingMatrix wt = t.mixing(round);
      TopologyTesting.assertDoublyStochasticOn(wt, up);
      for (int i = 0; i < 6; i++) {
        double lost = 0;
        for (int j = 0; j < 6; j++) {
          if (j != i && !up.hasEdge(i, j)) {
            lost += w.weight(i, j);
          } else if (j != i) {
            assertThat(wt.weight(i, j)).isEqualTo(w.weight(i, j));
          }
        }
        assertThat(wt.weight(i, i)).isCloseTo(w.weight(i, i) + lost, within(Tolerances.EXACT));
      }
    }
  }
}
