package org.fednpg.evaluators;

import static org.assertj.core.api.Assertions.assertThat;

import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;
import org.fednpg.testing.RandomMdps;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;

/**
 * Which stage of a large block's solve runs (Gauss–Seidel sweeps with the coarse correction,
 * BiCGSTAB when they stall, sparse LU last), and that every stage's answer equals an independent
 * dense solve and is certified.
 */
class SolverStagesTest {

  private static double maxAbs(double[] x) {
    double m = 0;
    for (double v : x) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  /**
   * The certificate (scaled residual ≤ 1e-10, checked here independently with a dense P_π) bounds
   * the error in V by 1e-10 max(1, ‖b‖∞) / (1 − γ), since ‖(I − γP_π)⁻¹‖∞ = 1/(1 − γ).
   */
  private static void assertMatchesDense(
      MultiTaskMdp mdp, RewardTable reward, LogPolicy pi, double tau, double[] v) {
    double[] dense = EvaluatorFixtures.denseValues(mdp, reward, pi, tau);
    double b = Math.max(1, maxAbs(EvaluatorFixtures.softReward(reward, pi, tau)));
    assertThat(EvaluatorFixtures.maxDiff(v, dense))
        .isLessThanOrEqualTo(Tolerances.EXACT * b / (1 - mdp.gamma()));
    assertThat(EvaluatorFixtures.scaledResidual(mdp, reward, pi, tau, v))
        .isLessThanOrEqualTo(Tolerances.EXACT);
  }

  /**
   * A symmetric random walk on a ring (two actions: step left or right, or stay half the time), γ =
   * 0.999: its second eigenvalue is cos(2π/n) ≈ 1 − 2e-4, so the sweeps' smooth error modes barely
   * shrink and they must hand over.
   */
  private static MultiTaskMdp ring(int n, double gamma) {
    TransitionKernel.Builder b = TransitionKernel.builder(n, 2);
    for (int s = 0; s < n; s++) {
      b.add(s, 0, (s + 1) % n, 0.5).add(s, 0, (s + n - 1) % n, 0.5);
      b.add(s, 1, s, 0.5).add(s, 1, (s + 1) % n, 0.25).add(s, 1, (s + n - 1) % n, 0.25);
    }
    double[] r = new double[2 * n];
    r[0] = 1.0;
    r[2 * (n / 2) + 1] = 0.5;
    return EvaluatorFixtures.mdp(b.build(), gamma, RewardTable.of(n, 2, r));
  }

  @Test
  void wellMixingBlocksAreSolvedBySweepsAlone() {
    MultiTaskMdp mdp = RandomMdps.create(11, 1000, 4, 6, 1, 0.99);
    BellmanSolver solver = new BellmanSolver(mdp.kernel());
    assertThat(solver.largestComponent()).isEqualTo(1000);
    LogPolicy pi = EvaluatorFixtures.randomPolicy(12, 1000, 4, 1.5);
    for (double tau : new double[] {0, 0.05, 1}) {
      double[] v = solver.evaluate(0.99, mdp.reward(0), pi, tau).values();
      assertMatchesDense(mdp, mdp.reward(0), pi, tau, v);
    }
    BellmanSolver.Statistics stats = solver.statistics();
    assertThat(stats.krylovSolves()).isEqualTo(3);
    assertThat(stats.sweeps()).isPositive().isEqualTo(stats.krylovProducts());
    assertThat(stats.handovers()).isZero();
    assertThat(stats.directFallbacks()).isZero();
    // README, Performance, round 5: a sweep shrinks the residual about fourfold on such blocks
    assertThat(stats.productsPerKrylovSolve()).isLessThan(40);
  }

  @Test
  void stalledSweepsHandOverAndTheAnswerIsStillCertified() {
    MultiTaskMdp mdp = ring(400, 0.999);
    BellmanSolver solver = new BellmanSolver(mdp.kernel());
    assertThat(solver.largestComponent()).isEqualTo(400);
    LogPolicy pi = EvaluatorFixtures.randomPolicy(3, 400, 2, 1.0);
    double[] v = solver.evaluate(0.999, mdp.reward(0), pi, 0.05).values();
    assertMatchesDense(mdp, mdp.reward(0), pi, 0.05, v);
    BellmanSolver.Statistics stats = solver.statistics();
    assertThat(stats.handovers()).isGreaterThanOrEqualTo(1);
    assertThat(stats.sweeps()).isLessThan(stats.krylovProducts());
    assertThat(stats.sweeps()).isLessThanOrEqualTo(2L * SparseBlockFactor.MAX_SWEEPS);
  }

  /**
   * A pair where one side converges in a sweep (started from its exact solution) and the other
   * stalls and hands over: each side still equals its separate solve bit for bit.
   */
  @Test
  void aPairWhoseSidesTakeDifferentStagesEqualsSeparateSolves() {
    MultiTaskMdp mdp = ring(400, 0.999);
    BellmanSolver solver = new BellmanSolver(mdp.kernel());
    LogPolicy pi = EvaluatorFixtures.randomPolicy(4, 400, 2, 1.0);
    double[] r2 = new double[800];
    for (int i = 0; i < r2.length; i++) {
      r2[i] = (i % 7) / 7.0;
    }
    RewardTable other = RewardTable.of(400, 2, r2);
    double[] exactStart = EvaluatorFixtures.denseValues(mdp, mdp.reward(0), pi, 0.0);
    RewardTable[] rewards = {mdp.reward(0), other};
    double[][] starts = {exactStart.clone(), null};
    double[][] outs = {new double[400], new double[400]};
    solver.values(0.999, pi, 0.0, BellmanSolver.RESIDUAL_LIMIT, rewards, starts, outs);

    BellmanSolver alone = new BellmanSolver(mdp.kernel());
    double[] a = new double[400];
    double[] b = new double[400];
    alone.values(0.999, mdp.reward(0), pi, 0.0, BellmanSolver.RESIDUAL_LIMIT, exactStart, a);
    long handoversBefore = alone.statistics().handovers();
    alone.values(0.999, other, pi, 0.0, BellmanSolver.RESIDUAL_LIMIT, null, b);
    assertThat(alone.statistics().handovers()).isGreaterThan(handoversBefore);
    assertThat(outs[0]).isEqualTo(a);
    assertThat(outs[1]).isEqualTo(b);
    assertThat(solver.statistics().pairedPasses()).isPositive();
    assertMatchesDense(mdp, other, pi, 0.0, b);
  }
}
