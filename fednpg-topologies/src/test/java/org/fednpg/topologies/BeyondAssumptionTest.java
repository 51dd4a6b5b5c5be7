package org.fednpg.topologies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.Topology;
import org.fednpg.api.model.MixingMatrix;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mixing matrices beyond the paper's Assumption 3.1 (issue 13): the non-symmetric doubly stochastic
 * {@code directed-ring} (the paper's Eq. (312) at k = 1), random row-stochastic weights behind
 * {@code stochastic: row}, σ as a singular value, and the report's Assumption 3.1 facts.
 */
class BeyondAssumptionTest {

  @TempDir Path dir;

  /** Eq. (312): W_nn = W_{n,n+1 mod N} = 0.5, written by hand. */
  private static double[][] eq312(int n) {
    double[][] w = new double[n][n];
    for (int i = 0; i < n; i++) {
      w[i][i] = 0.5;
      w[i][(i + 1) % n] = 0.5;
    }
    return w;
  }

  @Test
  void directedRingK1IsEq312WithSigmaCosPiOverN() {
    Topology t = TopologyTesting.build("directed-ring", Map.of(), 10, 1);
    assertThat(t.mixing(0)).isEqualTo(MixingMatrix.of(eq312(10)));
    // circulant, normal: singular values |(1 + ω^j)/2| = |cos(πj/N)|, largest j ≠ 0 at j = 1
    assertThat(t.sigma()).isCloseTo(Math.cos(Math.PI / 10), within(Tolerances.SIGMA_CLOSED_FORM));
    assertThat(t.sigma()).isCloseTo(0.9510565163, within(1e-10));
    Map<String, Object> r = t.report();
    assertThat(r)
        .containsEntry("symmetric", false)
        .containsEntry("doubly_stochastic", true)
        .containsEntry("assumption_3_1", false)
        .containsEntry("stochastic", "doubly");
  }

  @Test
  void directedRingEqualWeightsMatchTheCirculantSpectrum() {
    for (int n : new int[] {5, 8, 13}) {
      for (int k = 1; k < n; k++) {
        Topology t = TopologyTesting.build("directed-ring", Map.of("neighbors", k), n, 1);
        double sigma = 0;
        for (int j = 1; j < n; j++) {
          double re = 0;
          double im = 0;
          for (int l = 0; l <= k; l++) {
            re += Math.cos(2 * Math.PI * j * l / n) / (k + 1);
            im += Math.sin(2 * Math.PI * j * l / n) / (k + 1);
          }
          sigma = Math.max(sigma, Math.hypot(re, im));
        }
        assertThat(t.sigma())
            .as("N=%d k=%d", n, k)
            .isCloseTo(sigma, within(Tolerances.SIGMA_CLOSED_FORM));
        for (int i = 0; i < n; i++) {
          assertThat(t.mixing(0).support(i)).hasSize(k + 1);
        }
      }
    }
  }

  @Test
  void eq312FromCsvIsAcceptedWithTheSameSigma() throws Exception {
    StringBuilder b = new StringBuilder();
    for (double[] row : eq312(10)) {
      for (int j = 0; j < row.length; j++) {
        b.append(j == 0 ? "" : ",").append(row[j]);
      }
      b.append('\n');
    }
    Files.writeString(dir.resolve("W.csv"), b.toString());
    Topology file = TopologyTesting.build("file", Map.of("path", "W.csv"), 10, 1, dir);
    Topology ring = TopologyTesting.build("directed-ring", Map.of(), 10, 1);
    assertThat(file.mixing(0)).isEqualTo(ring.mixing(0));
    assertThat(file.sigma())
        .isCloseTo(Math.cos(Math.PI / 10), within(Tolerances.SIGMA_CLOSED_FORM));
    assertThat(file.report())
        .containsEntry("symmetric", false)
        .containsEntry("assumption_3_1", false);
  }

  @Test
  void symmetricRingSatisfiesAssumption31() {
    Map<String, Object> r = TopologyTesting.build("ring", Map.of(), 10, 1).report();
    assertThat(r)
        .containsEntry("symmetric", true)
        .containsEntry("doubly_stochastic", true)
        .containsEntry("assumption_3_1", true);
    String text =
        TopologyDescriptions.describe(TopologyTesting.build("directed-ring", Map.of(), 10, 1));
    assertThat(text)
        .contains(
            "symmetric: false\n",
            "doubly stochastic: true\n",
            "assumption 3.1: false\n",
            "stochastic: doubly\n");
  }

  @Test
  void sigmaIsTheLargestSingularValueForNonSymmetricW() {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
    for (int trial = 0; trial < 20; trial++) {
      int n = 3 + trial % 6;
      double[][] w = new double[n][n];
      for (int i = 0; i < n; i++) {
        double total = 0;
        for (int j = 0; j < n; j++) {
          w[i][j] = rng.nextDouble();
          total += w[i][j];
        }
        for (int j = 0; j < n; j++) {
          w[i][j] /= total;
        }
      }
      MixingMatrix m = MixingMatrix.of(w);
      assertThat(Spectral.sigma(m))
          .isCloseTo(TopologyTesting.jacobiSingularSigma(m), within(Tolerances.EXACT));
    }
  }

  @Test
  void randomDirectedWeightsNeedStochasticRow() {
    assertThatThrownBy(
            () ->
                TopologyTesting.build(
                    "directed-ring", Map.of("weights", "random", "neighbors", 2), 10, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("topology 'directed-ring'")
        .hasMessageMatching("(?s).*column \\d+ sums to .*")
        .hasMessageContaining("stochastic: row");
    Topology t =
        TopologyTesting.build(
            "directed-ring",
            Map.of("weights", "random", "neighbors", 2, "stochastic", "row"),
            10,
            1);
    MixingMatrix w = t.mixing(0);
    double worstColumn = 0;
    for (int i = 0; i < 10; i++) {
      double row = 0;
      double col = 0;
      for (int j = 0; j < 10; j++) {
        row += w.weight(i, j);
        col += w.weight(j, i);
        int d = Math.floorMod(j - i, 10);
        assertThat(w.weight(i, j) > 0).isEqualTo(d <= 2);
      }
      assertThat(row).isCloseTo(1.0, within(Tolerances.EXACT));
      worstColumn = Math.max(worstColumn, Math.abs(col - 1));
    }
    assertThat(worstColumn).isGreaterThan(0.01);
    assertThat(t.report())
        .containsEntry("doubly_stochastic", false)
        .containsEntry("assumption_3_1", false)
        .containsEntry("stochastic", "row");
    // seeded: same seed, same W; another seed, another W
    assertThat(
            TopologyTesting.build(
                    "directed-ring",
                    Map.of("weights", "random", "neighbors", 2, "stochastic", "row"),
                    10,
                    1)
                .mixing(0))
        .isEqualTo(w)
        .isNotEqualTo(
            TopologyTesting.build(
                    "directed-ring",
                    Map.of("weights", "random", "neighbors", 2, "stochastic", "row"),
                    10,
                    2)
                .mixing(0));
  }

  @Test
  void rowStochasticCsvRunsWithStochasticRow() throws Exception {
    Files.writeString(dir.resolve("W.csv"), "0.5,0.5,0\n0.25,0.5,0.25\n0,0.25,0.75\n");
    assertThatThrownBy(() -> TopologyTesting.build("file", Map.of("path", "W.csv"), 3, 1, dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("column 0");
    Topology t =
        TopologyTesting.build("file", Map.of("path", "W.csv", "stochastic", "row"), 3, 1, dir);
    assertThat(t.report()).containsEntry("doubly_stochastic", false);
    assertThat(t.sigma())
        .isCloseTo(TopologyTesting.jacobiSingularSigma(t.mixing(0)), within(Tolerances.EXACT));
  }

  @Test
  void periodicRowStochasticIsRefused() throws Exception {
    // the 3-cycle permutation: row-stochastic, eigenvalues the cube roots of 1, no consensus
    Files.writeString(dir.resolve("P.csv"), "0,1,0\n0,0,1\n1,0,0\n");
    assertThatThrownBy(
            () ->
                TopologyTesting.build(
                    "file", Map.of("path", "P.csv", "stochastic", "row"), 3, 1, dir))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("second eigenvalue");
  }

  @Test
  void dropOnDirectedRingNeedsStochasticRow() {
    assertThatThrownBy(() -> TopologyTesting.build("directed-ring", Map.of("drop", 0.3), 8, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("stochastic: row");
    Topology t =
        TopologyTesting.build(
            "directed-ring", Map.of("drop", 0.3, "neighbors", 2, "stochastic", "row"), 8, 1);
    boolean someRoundLostALink = false;
    for (long round = 0; round < 20; round++) {
      MixingMatrix w = t.mixing(round);
      for (int i = 0; i < 8; i++) {
        double row = 0;
        int count = w.support(i).length;
        for (int j = 0; j < 8; j++) {
          row += w.weight(i, j);
          if (w.weight(i, j) != 0) {
            assertThat(w.weight(i, j)).isCloseTo(1.0 / count, within(Tolerances.EXACT));
          }
        }
        someRoundLostALink |= count < 3;
        assertThat(row).isCloseTo(1.0, within(Tolerances.EXACT));
      }
    }
    assertThat(someRoundLostALink).isTrue();
  }

  @Test
  void directedRingRefusesBadNeighbors() {
    assertThatThrownBy(() -> TopologyTesting.build("directed-ring", Map.of("neighbors", 5), 5, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("neighbors")
        .hasMessageContaining("[1, 4]");
  }
}
