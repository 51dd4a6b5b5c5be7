package org.fednpg.core.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;

/** A(η), ρ = ‖A(η)‖₂, η₀ and the rate bound of Lemma D.2 / Theorem 3.6 (PAPER.md §2). */
class LemmaD2Test {

  @Test
  void matrixEntriesMatchAHandComputation() {
    // σ = 1/2, η = 1, τ = 1/4, γ = 1/2, N = 4, |A| = 1 (log|A| = 0):
    // α = 1 − 1·(1/4)/(1/2) = 1/2; M = (1/2)(3/2)/(1/4) = 3; √N = 2, √(2N) = 2√2;
    // S = 3·2·(2·(1/2) + (1/2)·2√2 + (1/2)·2·3/(1/4)) = 6(1 + √2 + 12) = 78 + 6√2.
    LemmaD2 l = new LemmaD2(0.5, 0.25, 0.5, 4, 1);
    assertThat(l.alpha(1)).isCloseTo(0.5, within(Tolerances.EXACT));
    assertThat(l.m()).isCloseTo(3, within(Tolerances.EXACT));
    assertThat(l.s(1)).isCloseTo(78 + 6 * Math.sqrt(2), within(Tolerances.EXACT));
    double[][] expected = {
      {0.25, 1, 0, 0}, // σα, ησ/(1−γ) = 0.5/0.5
      {
        39 + 3 * Math.sqrt(2), 3.5, 30, 6
      }, // Sσ, (1 + 3·2·0.5/0.5)·0.5, 2.5·12·0.5/0.5, 0.5·12·0.5/0.5
      {1.5, 0, 0.75, 0.25}, // (1−α)M, (1−α)γ + α, (1−α)γ
      {7.5, 0, 0, 0.5} // (2γ + ητ)M/(1−γ) = 1.25·3/0.5, α
    };
    double[][] a = l.matrix(1);
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        assertThat(a[i][j]).as("A[%d][%d]", i, j).isCloseTo(expected[i][j], within(1e-12));
      }
    }
    // the log|A| term of M: |A| = 2 adds 2τ(1−γ)log 2 · γ/(1−γ)² = 0.5·log 2
    assertThat(new LemmaD2(0.5, 0.25, 0.5, 4, 2).m())
        .isCloseTo(3 + 0.5 * Math.log(2), within(Tolerances.EXACT));
  }

  @Test
  void rhoAgreesWithAnIndependentSingularValueComputation() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int k = 0; k < 200; k++) {
      double sigma = rng.nextDouble();
      double gamma = 0.05 + 0.94 * rng.nextDouble();
      double tau = 0.01 + rng.nextDouble();
      int n = 1 + rng.nextInt(30);
      int actions = 1 + rng.nextInt(6);
      LemmaD2 l = new LemmaD2(sigma, tau, gamma, n, actions);
      double eta = l.etaMax() * rng.nextDouble();
      double[][] a = l.matrix(eta);
      double ejml = NormOps_DDRM.normP2(new DMatrixRMaj(a));
      assertThat(l.rho(eta)).isCloseTo(ejml, within(1e-12 * ejml));
    }
  }

  @Test
  void sigmaOfTheStandardRingIsCosPiOverN() {
    // Eq. (312): W = (I + P)/2 is circulant (normal) with eigenvalues (1 + ω^k)/2, so the singular
    // values of W − 11ᵀ/N are |cos(πk/N)|, k = 1..N−1: σ = cos(π/N). W is not symmetric.
    for (int n : new int[] {3, 10, 17}) {
      double[][] w = new double[n][n];
      for (int i = 0; i < n; i++) {
        w[i][i] = 0.5;
        w[i][(i + 1) % n] = 0.5;
      }
      assertThat(SpectralNorm.sigma(w)).isCloseTo(Math.cos(Math.PI / n), within(1e-12));
      assertThat(NpgTheory.symmetric(w)).isFalse();
      assertThat(NpgTheory.doublyStochastic(w)).isTrue();
    }
  }

  @Test
  void eta0IsTheLargestCertifiedStep() {
    // γ = 0.2 and small σ: a certified interval exists strictly inside (0, (1−γ)/τ)
    LemmaD2 l = new LemmaD2(0.05, 0.5, 0.2, 3, 2);
    LemmaD2.Interval c = l.certified();
    assertThat(c).isNotNull();
    double eta0 = c.high();
    assertThat(eta0).isLessThan(l.etaMax());
    double d = 1e-9 * eta0;
    assertThat(l.rho(eta0 - d)).isLessThan(1);
    assertThat(l.rho(eta0)).isLessThan(1);
    assertThat(l.rho(eta0 + d)).isGreaterThanOrEqualTo(1);
    // and no larger certified η on a fine independent scan
    for (int k = 0; k <= 10_000; k++) {
      double eta = eta0 + d + (l.etaMax() - eta0 - d) * k / 10_000;
      assertThat(l.rho(eta)).isGreaterThanOrEqualTo(1);
    }
    // the low end: A's (4,1) entry (2γ+ητ)M/(1−γ) does not vanish as η → 0, so small η fail
    double low = c.low();
    assertThat(low).isGreaterThan(0);
    assertThat(l.rho(low)).isLessThan(1);
    assertThat(l.rho(low - 1e-9 * low)).isGreaterThanOrEqualTo(1);
    assertThat(l.rho(0.5 * (low + eta0))).isLessThan(1);
  }

  @Test
  void eta0IsTheDomainEdgeWhenEveryLargeStepIsCertified() {
    LemmaD2 l = new LemmaD2(0.0, 0.5, 0.1, 2, 2);
    assertThat(l.rho(l.etaMax())).isLessThan(1);
    assertThat(l.certified().high()).isEqualTo(l.etaMax());
  }

  @Test
  void noStepIsCertifiedAtThePapersDiscount() {
    // γ = 0.99 (Appendix H): ‖A‖₂ ≥ |A[3][0]| ≥ 2γM/(1−γ) ≈ 3.9e6 for every η, so η₀ does not exist
    LemmaD2 l = new LemmaD2(Math.cos(Math.PI / 10), 0.005, 0.99, 10, 2);
    double lower = 2 * 0.99 * l.m() / 0.01;
    assertThat(lower).isGreaterThan(1e6);
    for (double eta : new double[] {1e-6, 0.1, l.etaMax()}) {
      assertThat(l.rho(eta)).isGreaterThanOrEqualTo(lower);
    }
    assertThat(l.certified()).isNull();
  }

  @Test
  void rateBoundIsTheMaximumOfItsTwoTerms() {
    assertThat(LemmaD2.rateBound(0.2, 0.1, 0.5)).isCloseTo(1 - 0.025, within(Tolerances.EXACT));
    assertThat(LemmaD2.rateBound(0.9, 1, 1)).isCloseTo(3.9 / 4, within(Tolerances.EXACT));
    assertThat(new LemmaD2(0.2, 0.5, 0.9, 3, 2).rateBound(0.1))
        .isCloseTo(0.975, within(Tolerances.EXACT));
  }
}
