package org.fednpg.topologies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.fednpg.api.RandomSource;
import org.fednpg.api.Topology;
import org.fednpg.api.model.MixingMatrix;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;

/**
 * σ against closed forms. Each derivation: for a rule giving every edge the same weight c, W = I −
 * cL with L the graph Laplacian, so the eigenvalues of W are 1 − cλ_j(L) for the Laplacian spectrum
 * λ_j, and σ = max_{j ≥ 1} |1 − cλ_j| (j = 0 is the eigenvalue 1 of the vector 1).
 */
class SpectralClosedFormTest {

  @Test
  void completeGraphWithEqualWeightsIsExactAveraging() {
    for (int n = 1; n <= 16; n++) {
      Topology t = TopologyTesting.build("complete", Map.of("weights", "equal"), n, 1);
      assertThat(t.mixing(0)).isEqualTo(MixingMatrix.averaging(n));
      assertThat(t.sigma()).isCloseTo(0.0, within(Tolerances.EXACT));
      assertThat(Spectral.consensusRounds(0.0)).isEqualTo(1);
    }
  }

  /**
   * Ring C_N with k neighbours and equal weights is circulant: λ_j = (1 + 2 Σ_d
   * cos(2πjd/N))/(2k+1).
   */
  @Test
  void ringWithEqualWeightsMatchesCirculantSpectrum() {
    for (int n = 3; n <= 40; n++) {
      for (int k = 1; 2 * k + 1 <= n; k++) {
        double expected = 0;
        for (int j = 1; j < n; j++) {
          double s = 1;
          for (int d = 1; d <= k; d++) {
            s += 2 * Math.cos(2 * Math.PI * j * d / n);
          }
          expected = Math.max(expected, Math.abs(s) / (2 * k + 1));
        }
        Topology t = TopologyTesting.build("ring", Map.of("neighbors", k), n, 3);
        assertThat(t.sigma()).as("N=%d k=%d", n, k).isCloseTo(expected, within(Tolerances.EXACT));
      }
    }
  }

  /** Star, Metropolis: every edge weight 1/N, Laplacian spectrum {0, 1 (N−2 times), N}. */
  @Test
  void starWithMetropolisWeights() {
    for (int n = 3; n <= 30; n++) {
      Topology t = TopologyTesting.build("star", Map.of(), n, 1);
      double expected = Math.max(1 - 1.0 / n, Math.abs(1 - (double) n / n));
      assertThat(t.sigma()).as("N=%d", n).isCloseTo(expected, within(Tolerances.EXACT));
    }
  }

  /** Path, max-degree (c = 1/3): Laplacian spectrum 2 − 2cos(πj/N), so σ = (1 + 2cos(π/N))/3. */
  @Test
  void pathWithMaxDegreeWeights() {
    for (int n = 3; n <= 30; n++) {
      Topology t = TopologyTesting.build("path", Map.of("weights", "max-degree"), n, 1);
      double expected = (1 + 2 * Math.cos(Math.PI / n)) / 3;
      assertThat(t.sigma()).as("N=%d", n).isCloseTo(expected, within(Tolerances.EXACT));
    }
  }

  /** Hypercube Q_d, equal weights (c = 1/(d+1)): Laplacian spectrum 2i, so σ = (d−1)/(d+1). */
  @Test
  void hypercubeWithEqualWeights() {
    for (int d = 1; d <= 7; d++) {
      Topology t = TopologyTesting.build("hypercube", Map.of("weights", "equal"), 1 << d, 1);
      assertThat(t.sigma())
          .as("d=%d", d)
          .isCloseTo(Math.abs(d - 1.0) / (d + 1), within(Tolerances.EXACT));
    }
  }

  /** Torus r×c (r, c ≥ 3), equal weights 1/5: Laplacian (2−2cos(2πa/r)) + (2−2cos(2πb/c)). */
  @Test
  void torusWithEqualWeights() {
    for (int r = 3; r <= 7; r++) {
      for (int c = 3; c <= 7; c++) {
        double expected = 0;
        for (int a = 0; a < r; a++) {
          for (int b = 0; b < c; b++) {
            if (a == 0 && b == 0) {
              continue;
            }
            double lap = 4 - 2 * Math.cos(2 * Math.PI * a / r) - 2 * Math.cos(2 * Math.PI * b / c);
            expected = Math.max(expected, Math.abs(1 - lap / 5));
          }
        }
        Topology t =
            TopologyTesting.build(
                "torus", Map.of("rows", r, "cols", c, "weights", "equal"), r * c, 1);
        assertThat(t.sigma()).as("%dx%d", r, c).isCloseTo(expected, within(Tolerances.EXACT));
      }
    }
  }

  /** Spectral.eigenvalues against Jacobi on random symmetric doubly stochastic instances. */
  @Test
  void eigenvaluesAgreeWithJacobiOnRandomInstances() {
    RandomSource root = RandomSource.of(11);
    for (int i = 0; i < 40; i++) {
      int n = 2 + i;
      CommunicationGraph g = GraphGenerators.erdosRenyi(n, 0.3, root.child(i), 1000);
      MixingMatrix w = WeightRules.random().weights(g, root.child("w").child(i));
      double[] ours = Spectral.eigenvalues(w);
      double[] jacobi = TopologyTesting.jacobiEigenvalues(w.toArray());
      for (int k = 0; k < n; k++) {
        assertThat(ours[k]).isCloseTo(jacobi[k], within(Tolerances.EXACT));
      }
      assertThat(Spectral.sigma(w))
          .isCloseTo(TopologyTesting.jacobiSigma(w), within(Tolerances.EXACT));
    }
  }

  @Test
  void consensusRoundsFollowTheDefinition() {
    double sigma = 0.9;
    long t = Spectral.consensusRounds(sigma);
    // smallest t with sigma^t <= 1e-6, found by counting
    long count = 0;
    double x = 1;
    while (x > Spectral.CONSENSUS_EPSILON) {
      x *= sigma;
      count++;
    }
    assertThat(t).isEqualTo(count);
    assertThat(Spectral.spectralGap(sigma)).isCloseTo(0.1, within(Tolerances.EXACT));
    assertThat(Spectral.consensusRounds(1.0)).isEqualTo(Long.MAX_VALUE);
  }
}
