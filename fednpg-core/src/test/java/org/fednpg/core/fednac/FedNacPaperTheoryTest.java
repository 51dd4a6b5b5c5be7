package org.fednpg.core.fednac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Level;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.simple.SimpleEVD;
import org.ejml.simple.SimpleMatrix;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.RandomSource;
import org.fednpg.api.Topology;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MixingMatrix;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.core.TestTopologies;
import org.fednpg.core.theory.SpectralNorm;
import org.fednpg.testing.LogCapture;
import org.fednpg.testing.RandomMdps;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;

/**
 * The paper variant's {@code theory} block and parameters. Expected values are computed here
 * independently: C_φ from the feature table, μ with EJML's eigen-decomposition of Σ_sa ν(sa)φφᵀ, σ
 * with EJML's SVD of W − 11ᵀ/N, and L_Q, β and α₁ from PAPER.md §3's formulas.
 */
class FedNacPaperTheoryTest {

  private static final MultiTaskMdp GARNET = RandomMdps.create(13, 8, 3, 3, 4, 0.9);

  /** Metropolis weights on the path 0 – 1 – 2 – 3, σ computed with EJML. */
  private static final double[][] PATH4 = {
    {2.0 / 3, 1.0 / 3, 0, 0}, {1.0 / 3, 1.0 / 3, 1.0 / 3, 0},
    {0, 1.0 / 3, 1.0 / 3, 1.0 / 3}, {0, 0, 1.0 / 3, 2.0 / 3}
  };

  private static double sigmaOf(double[][] w) {
    int n = w.length;
    SimpleMatrix m = new SimpleMatrix(w);
    m = m.minus(new SimpleMatrix(n, n).plus(1.0 / n));
    return m.svd().getSingleValue(0);
  }

  private static Topology withSigma(double[][] w) {
    Topology fixed = TestTopologies.fixed(MixingMatrix.of(w));
    double sigma = sigmaOf(w);
    return new Topology() {
      @Override
      public int agents() {
        return fixed.agents();
      }

      @Override
      public MixingMatrix mixing(long round) {
        return fixed.mixing(round);
      }

      @Override
      public double sigma() {
        return sigma;
      }
    };
  }

  private static double smallestEigenvalue(SimpleMatrix m) {
    SimpleEVD<SimpleMatrix> evd = m.eig();
    double min = Double.POSITIVE_INFINITY;
    for (int i = 0; i < evd.getNumberOfEigenvalues(); i++) {
      min = Math.min(min, evd.getEigenvalue(i).getReal());
    }
    return min;
  }

  @Test
  void theoryBlockMatchesAnIndependentComputation() {
    Topology topology = withSigma(PATH4);
    double sigma = topology.sigma();
    double gamma = GARNET.gamma();
    for (String nu : List.of("uniform", "rho-policy")) {
      FedNacPaperAlgorithm alg =
          NacHarness.paper(
              Map.of("features", "random", "dim", 7, "nu", nu, "alpha", 0.5), GARNET, topology, 3);
      Map<String, Object> theory = alg.theory();
      // the same features the run uses: the "features" node of the algorithm's seed tree
      FeatureMap phi =
          FeatureMaps.random(
              GARNET.states(),
              GARNET.actions(),
              7,
              RandomSource.of(3).child("algorithm").child("features"));
      int rows = GARNET.states() * GARNET.actions();
      double c = 0;
      SimpleMatrix cov = new SimpleMatrix(7, 7);
      LogPolicy uniform = LogPolicy.uniform(GARNET.states(), GARNET.actions());
      for (int sa = 0; sa < rows; sa++) {
        double norm = 0;
        SimpleMatrix row = new SimpleMatrix(7, 1);
        for (int k = 0; k < 7; k++) {
          norm += phi.get(sa, k) * phi.get(sa, k);
          row.set(k, 0, phi.get(sa, k));
        }
        c = Math.max(c, Math.sqrt(norm));
        double weight =
            nu.equals("uniform")
                ? 1.0 / rows
                : GARNET.initial(sa / GARNET.actions()) * uniform.probability(sa);
        cov = cov.plus(row.mult(row.transpose()).scale(weight));
      }
      double mu = smallestEigenvalue(cov);
      double lq = 2 * c * gamma * (1 + gamma) / ((1 - gamma) * (1 - gamma));
      double alpha1 =
          Math.pow(1 - sigma * sigma, 3)
              * Math.sqrt((1 - gamma) * mu)
              / (768 * Math.sqrt(6) * sigma * lq);
      assertThat(mu).isPositive();
      assertThat((Double) theory.get("c_phi")).isCloseTo(c, within(Tolerances.EXACT));
      assertThat((Double) theory.get("mu")).isCloseTo(mu, within(Tolerances.EXACT));
      assertThat((Double) theory.get("l_q")).isCloseTo(lq, within(Tolerances.EXACT * lq));
      @SuppressWarnings("unchecked")
      Map<String, Object> beta = (Map<String, Object>) theory.get("beta_theory");
      assertThat((Double) beta.get("statement")).isCloseTo(1 / (2 * c), within(Tolerances.EXACT));
      assertThat((Double) beta.get("proof")).isCloseTo(1 / (2 * c * c), within(Tolerances.EXACT));
      assertThat((Double) theory.get("alpha1"))
          .isCloseTo(alpha1, within(Tolerances.EXACT * alpha1));
      assertThat((Double) theory.get("alpha_over_alpha1"))
          .isCloseTo(0.5 / alpha1, within(1e-9 * 0.5 / alpha1));
      // the default β is the proof's 1/(2C_φ²)
      assertThat((Double) theory.get("beta")).isCloseTo(1 / (2 * c * c), within(Tolerances.EXACT));
      assertThat(theory).containsKey("approximation_floor");
      assertThat(theory.keySet())
          .containsExactly(
              "c_phi",
              "mu",
              "l_q",
              "beta_theory",
              "alpha1",
              "alpha",
              "alpha_over_alpha1",
              "beta",
              "approximation_floor");
    }
  }

  @Test
  void oneHotClosedFormsAndNullAlpha1WithoutMixingError() {
    // one-hot: C_φ = 1, E_ν[φφᵀ] = diag(ν), so μ = 1/(|S||A|) for uniform ν; W = 11ᵀ/N: σ = 0
    double n = GARNET.agents();
    double[][] avg = new double[4][4];
    for (double[] row : avg) {
      Arrays.fill(row, 1 / n);
    }
    Topology complete = withSigma(avg);
    assertThat(complete.sigma()).isCloseTo(0, within(Tolerances.EXACT));
    Topology exactZero =
        new Topology() {
          @Override
          public int agents() {
            return 4;
          }

          @Override
          public MixingMatrix mixing(long round) {
            return MixingMatrix.averaging(4);
          }

          @Override
          public double sigma() {
            return 0;
          }
        };
    Map<String, Object> theory = NacHarness.paper(Map.of(), GARNET, exactZero, 1).theory();
    assertThat((Double) theory.get("c_phi")).isEqualTo(1.0);
    assertThat((Double) theory.get("mu"))
        .isCloseTo(1.0 / (GARNET.states() * GARNET.actions()), within(Tolerances.EXACT));
    assertThat(theory.get("alpha1")).isNull();
    assertThat(theory.get("alpha_over_alpha1")).isNull();
    // default α = 0.1/(1−γ)
    assertThat((Double) theory.get("alpha"))
        .isCloseTo(0.1 / (1 - GARNET.gamma()), within(Tolerances.EXACT));
  }

  @Test
  void warnsOnceWhenAlphaExceedsAlpha1SayingByHowMuch() {
    try (LogCapture log = LogCapture.of(FedNacProvider.class)) {
      Topology topology = withSigma(PATH4);
      FedNacPaperAlgorithm alg = NacHarness.paper(Map.of("alpha", 2.0), GARNET, topology, 1);
      alg.theory();
      alg.theory();
      List<String> warnings = log.messages(Level.WARN);
      assertThat(warnings).hasSize(1);
      double ratio = (Double) alg.theory().get("alpha_over_alpha1");
      assertThat(ratio).isGreaterThan(1e6);
      assertThat(warnings.get(0))
          .contains("alpha = 2.0")
          .contains("alpha1")
          .contains(String.format("%.3g", ratio));
    }
  }

  @Test
  void pointMassStartWithRhoPolicyGivesMuZeroAndSaysAssumptionFails() {
    // GridWorld: ρ is a point mass on the start, so ν = ρ·π^(0) charges 2 of the 50 one-hot
    // directions, E_ν[φφᵀ] is singular: μ = 0 and α₁ = 0
    MultiTaskMdp grid = NacHarness.gridworld(5, 3, 0.95);
    Topology path =
        withSigma(
            new double[][] {
              {2.0 / 3, 1.0 / 3, 0}, {1.0 / 3, 1.0 / 3, 1.0 / 3}, {0, 1.0 / 3, 2.0 / 3}
            });
    try (LogCapture log = LogCapture.of(FedNacProvider.class)) {
      Map<String, Object> theory =
          NacHarness.paper(Map.of("critic.nu", "rho-policy"), grid, path, 1).theory();
      assertThat((Double) theory.get("mu")).isZero();
      assertThat((Double) theory.get("alpha1")).isZero();
      assertThat(theory.get("alpha_over_alpha1")).isNull();
      assertThat(log.messages()).hasSize(1);
      assertThat(log.messages().get(0)).contains("Assumption 4.1");
    }
  }

  @Test
  void jacobiEigenvaluesMatchEjml() {
    SplittableRandom rng = new SplittableRandom(4);
    for (int size : new int[] {1, 2, 5, 9}) {
      double[][] a = new double[size][size];
      for (int i = 0; i < size; i++) {
        for (int j = 0; j <= i; j++) {
          a[i][j] = rng.nextGaussian();
          a[j][i] = a[i][j];
        }
      }
      double[] mine = SpectralNorm.symmetricEigenvalues(a);
      SimpleEVD<SimpleMatrix> evd = new SimpleMatrix(a).eig();
      double[] theirs = new double[size];
      for (int i = 0; i < size; i++) {
        theirs[i] = evd.getEigenvalue(i).getReal();
      }
      Arrays.sort(mine);
      Arrays.sort(theirs);
      for (int i = 0; i < size; i++) {
        assertThat(mine[i])
            .as("size %d eigenvalue %d", size, i)
            .isCloseTo(theirs[i], within(Tolerances.EXACT));
      }
    }
  }

  @Test
  void paperVariantIsTheDefaultAndRefusesOtherVariantsParameters() {
    Topology ring = TestTopologies.ring(GARNET.agents());
    assertThat(NacHarness.create(Map.of(), GARNET, ring, 1))
        .isInstanceOf(FedNacPaperAlgorithm.class);
    assertThat(NacHarness.create(Map.of("variant", "ours"), GARNET, ring, 1))
        .isInstanceOf(FedNacAlgorithm.class);
    assertThatThrownBy(() -> NacHarness.create(Map.of("tau", 0.01), GARNET, ring, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'tau'")
        .hasMessageContaining("must be 0 for variant 'paper'")
        .hasMessageContaining("0.01");
    assertThatThrownBy(() -> NacHarness.create(Map.of("eta", 0.1), GARNET, ring, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'eta'")
        .hasMessageContaining("variant 'ours'");
    assertThatThrownBy(
            () -> NacHarness.create(Map.of("variant", "ours", "alpha", 1.0), GARNET, ring, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'alpha'")
        .hasMessageContaining("variant 'paper'");
    for (Map.Entry<String, Object> bad :
        Map.<String, Object>of("alpha", -1.0, "beta", 0.0, "critic_steps", 0, "nu", "gaussian")
            .entrySet()) {
      Map<String, Object> raw = new HashMap<>();
      raw.put(bad.getKey(), bad.getValue());
      assertThatThrownBy(() -> NacHarness.create(raw, GARNET, ring, 1))
          .as(bad.getKey())
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("'" + bad.getKey() + "'");
    }
    Map<String, Object> info =
        NacHarness.paper(Map.of("critic_steps", 7, "nu", "rho-policy"), GARNET, ring, 1)
            .manifestInfo();
    assertThat(info)
        .containsEntry("variant", "paper")
        .containsEntry("critic_steps", 7)
        .containsEntry("nu", "rho-policy")
        .containsKey("approximation_error");
  }
}
