package org.fednpg.core.fednac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.ejml.simple.SimpleMatrix;
import org.fednpg.api.RandomSource;
import org.fednpg.api.model.KernelSampler;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.core.DenseEvaluator;
import org.fednpg.testing.RandomMdps;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Algorithm 4 (the paper's critic, {@link PaperCritic#fit}): with many steps and a small β its
 * averaged SGD iterate approaches the least-squares fit of Q^π on the features weighted by the
 * distribution its samples come from, the discounted visitation d̃_ν^π of ν (the critic objective
 * E_{(s,a)~d̃_ν^π}[(wᵀφ − Q^π)²] of the paper). The fit w* solves the normal equations (Φᵀ D Φ) w =
 * Φᵀ D Q^π, D = diag(d̃_ν^π), with EJML here; d̃ and Q^π come from the model.
 */
class FedNacPaperCriticTest {

  private static final MultiTaskMdp MDP = RandomMdps.create(41, 6, 3, 3, 1, 0.9);
  private static final int DIM = 5;
  private static final int STEPS = 50_000;
  private static final int REPLICATES = 20;
  private static final double BETA = 0.05;

  @Test
  void averagedSgdApproachesTheVisitationWeightedLeastSquaresFit() {
    FeatureMap phi = FeatureMaps.random(MDP.states(), MDP.actions(), DIM, RandomSource.of(3));
    SplittableRandom prng = new SplittableRandom(9);
    double[] logits = new double[MDP.states() * MDP.actions()];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = prng.nextGaussian();
    }
    LogPolicy pi = LogPolicy.fromLogits(MDP.states(), MDP.actions(), logits);
    RewardTable r = MDP.reward(0);
    int rows = logits.length;
    double[] q = DenseEvaluator.q(MDP, r, pi, 0);
    double[] d = PaperModel.visitation(MDP, pi, PaperModel.uniform(MDP));

    // normal equations, independently of the code under test
    SimpleMatrix bigPhi = new SimpleMatrix(rows, DIM);
    for (int sa = 0; sa < rows; sa++) {
      for (int k = 0; k < DIM; k++) {
        bigPhi.set(sa, k, phi.get(sa, k));
      }
    }
    SimpleMatrix dq = new SimpleMatrix(rows, 1);
    SimpleMatrix dPhi = new SimpleMatrix(rows, DIM);
    for (int sa = 0; sa < rows; sa++) {
      dq.set(sa, 0, d[sa] * q[sa]);
      for (int k = 0; k < DIM; k++) {
        dPhi.set(sa, k, d[sa] * phi.get(sa, k));
      }
    }
    SimpleMatrix sigma = bigPhi.transpose().mult(dPhi);
    SimpleMatrix wStar = sigma.solve(bigPhi.transpose().mult(dq));

    // E[output] exactly: E[w̃_k] = (I − 2βΣ) E[w̃_{k−1}] + 2β Φᵀ D Q (w̃_k is independent of the
    // k-th sample), from w̃₀ = 0; the mean of E[w̃_1..w̃_K] differs from w* by the transient only
    SimpleMatrix contraction = SimpleMatrix.identity(DIM).minus(sigma.scale(2 * BETA));
    SimpleMatrix drift = bigPhi.transpose().mult(dq).scale(2 * BETA);
    SimpleMatrix e = new SimpleMatrix(DIM, 1);
    SimpleMatrix eSum = new SimpleMatrix(DIM, 1);
    for (int k = 0; k < STEPS; k++) {
      e = contraction.mult(e).plus(drift);
      eSum = eSum.plus(e);
    }
    SimpleMatrix expectedOutput = eSum.scale(1.0 / STEPS);
    double wNorm = wStar.normF();
    assertThat(expectedOutput.minus(wStar).normF()).as("transient bias").isLessThan(0.01 * wNorm);

    PaperCritic critic =
        new PaperCritic(
            phi,
            new KernelSampler(MDP),
            RandomSource.of(17),
            MDP.gamma(),
            BETA,
            STEPS,
            PaperCritic.Nu.UNIFORM);
    double[] mean = new double[DIM];
    double[] sq = new double[DIM];
    long samples = 0;
    for (int rep = 0; rep < REPLICATES; rep++) {
      PaperCritic.Fit fit = critic.fit(rep, 0, r, pi);
      samples += fit.samples();
      for (int k = 0; k < DIM; k++) {
        mean[k] += fit.weights()[k] / REPLICATES;
        sq[k] += fit.weights()[k] * fit.weights()[k] / REPLICATES;
      }
    }
    double dist = 0;
    for (int k = 0; k < DIM; k++) {
      // t-test with 19 degrees of freedom: P(|t| > 6) ≈ 1e-5, so five components fail by chance
      // with probability about 5e-5
      double se =
          Math.sqrt((sq[k] - mean[k] * mean[k]) * REPLICATES / (REPLICATES - 1) / REPLICATES);
      assertThat(Math.abs(mean[k] - expectedOutput.get(k)) / se)
          .as("t of component %d", k)
          .isLessThan(6);
      dist += (mean[k] - wStar.get(k)) * (mean[k] - wStar.get(k));
    }
    LoggerFactory.getLogger(FedNacPaperCriticTest.class)
        .info(
            "||w*|| = {}, transient bias {}, " + "||mean of {} critics - w*|| = {}",
            wNorm,
            expectedOutput.minus(wStar).normF(),
            REPLICATES,
            Math.sqrt(dist));
    // and the averaged critic is close to w* itself (measured: 0.048 against ‖w*‖ = 6.8)
    assertThat(Math.sqrt(dist)).isLessThan(0.05 * wNorm);
    // each step draws one Algorithm 5 sample: 2γ/(1−γ) = 18 transitions on average
    assertThat((double) samples / (REPLICATES * (double) STEPS)).isBetween(17.5, 18.5);
  }
}
