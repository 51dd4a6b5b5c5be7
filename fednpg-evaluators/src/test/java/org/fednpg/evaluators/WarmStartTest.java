package org.fednpg.evaluators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.fednpg.api.EvaluationRequest;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.testing.RandomMdps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Warm-started and cold solves on the Krylov path (one strongly connected component above the dense
 * limit) agree, and both are certified; the multi-right-hand-side paths (two vectors per pass over
 * the matrix) equal separate solves bit for bit. References: the residual recomputed densely in the
 * test, and a dense Gaussian elimination where |S| is small enough.
 */
class WarmStartTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(300, 0.9, 0.0),
        Arguments.of(300, 0.999, 0.05),
        Arguments.of(300, 0.99, 1.0),
        Arguments.of(2000, 0.99, 0.0),
        Arguments.of(2000, 0.999, 0.05),
        Arguments.of(2000, 0.99, 1.0));
  }

  /** A policy near {@code base}: its logits plus {@code step} times Gaussian noise. */
  private static LogPolicy nearby(LogPolicy base, long seed, double step) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] logits = base.toArray();
    for (int i = 0; i < logits.length; i++) {
      logits[i] += step * rng.nextGaussian();
    }
    return LogPolicy.fromLogits(base.states(), base.actions(), logits);
  }

  private static double maxAbs(double[] x) {
    double m = 0;
    for (double v : x) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }

  @ParameterizedTest
  @MethodSource("cases")
  void warmAndColdSolvesAgree(int states, double gamma, double tau) {
    MultiTaskMdp mdp = RandomMdps.create(states + 7, states, 4, 4, 2, gamma);
    BellmanSolver solver = new BellmanSolver(mdp.kernel());
    assertThat(solver.largestComponent()).isGreaterThan(BellmanSolver.DENSE_LIMIT);
    RewardTable r = mdp.reward(0);
    LogPolicy before = EvaluatorFixtures.randomPolicy(states, states, 4, 1.0);
    LogPolicy after = nearby(before, 3, 0.2);

    double[] previous = new double[states];
    solver.values(gamma, r, before, tau, BellmanSolver.RESIDUAL_LIMIT, null, previous);
    double[] cold = new double[states];
    solver.values(gamma, r, after, tau, BellmanSolver.RESIDUAL_LIMIT, null, cold);
    long krylovBefore = solver.statistics().krylovSolves();
    double[] warm = previous.clone();
    double reported = solver.values(gamma, r, after, tau, BellmanSolver.RESIDUAL_LIMIT, warm, warm);
    assertThat(solver.statistics().krylovSolves()).isEqualTo(krylovBefore + 1);

    double scale = Math.max(1, maxAbs(cold));
    assertThat(EvaluatorFixtures.maxDiff(warm, cold) / scale).isLessThanOrEqualTo(1e-10);
    assertThat(EvaluatorFixtures.scaledResidual(mdp, r, after, tau, warm))
        .isLessThanOrEqualTo(BellmanSolver.RESIDUAL_LIMIT);
    assertThat(EvaluatorFixtures.scaledResidual(mdp, r, after, tau, cold))
        .isLessThanOrEqualTo(BellmanSolver.RESIDUAL_LIMIT);
    assertThat(reported).isLessThanOrEqualTo(BellmanSolver.RESIDUAL_LIMIT);
    if (states <= 300) {
      double[] dense = EvaluatorFixtures.denseValues(mdp, r, after, tau);
      assertThat(EvaluatorFixtures.maxDiff(warm, dense) / scale).isLessThanOrEqualTo(1e-10);
    }
    // Q from the warm V through the evaluator API, against Q = r + γPV formed in the test
    double[] q = new double[states * 4];
    double[] v = previous.clone();
    new ExactPolicyEvaluator(mdp, solver)
        .evaluateInto(new org.fednpg.api.EvaluationRequest(0, 1, r, after, tau), q, v);
    assertThat(v).isEqualTo(warm);
    assertThat(EvaluatorFixtures.maxDiff(q, EvaluatorFixtures.qFromValues(mdp, r, v)))
        .isLessThanOrEqualTo(1e-12 * scale);
  }

  @Test
  void aFarStartIsStillCertified() {
    MultiTaskMdp mdp = RandomMdps.create(5, 400, 3, 3, 1, 0.99);
    BellmanSolver solver = new BellmanSolver(mdp.kernel());
    LogPolicy pi = EvaluatorFixtures.randomPolicy(2, 400, 3, 2.0);
    SplittableRandom rng = new SplittableRandom(4);
    double[] v = new double[400];
    for (int i = 0; i < v.length; i++) {
      v[i] = 1e4 * rng.nextGaussian();
    }
    solver.values(0.99, mdp.reward(0), pi, 0.05, BellmanSolver.RESIDUAL_LIMIT, v, v);
    double[] dense = EvaluatorFixtures.denseValues(mdp, mdp.reward(0), pi, 0.05);
    assertThat(EvaluatorFixtures.maxDiff(v, dense) / maxAbs(dense)).isLessThanOrEqualTo(1e-10);
  }

  @Test
  void severalRewardsOnOneMatrixEqualSeparateSolves() {
    MultiTaskMdp mdp = RandomMdps.create(9, 500, 4, 4, 3, 0.99);
    BellmanSolver solver = new BellmanSolver(mdp.kernel());
    LogPolicy before = EvaluatorFixtures.randomPolicy(1, 500, 4, 1.0);
    LogPolicy pi = nearby(before, 2, 0.1);
    double[] start = new double[500];
    solver.values(0.99, mdp.reward(0), before, 0.05, start);
    RewardTable[] rewards = {mdp.reward(0), mdp.averagedReward(), mdp.reward(2)};
    double[][] starts = {start, null, start};
    double[][] outs = new double[3][500];
    double[] residuals =
        solver.values(0.99, pi, 0.05, BellmanSolver.RESIDUAL_LIMIT, rewards, starts, outs);
    for (int j = 0; j < 3; j++) {
      double[] separate = new double[500];
      double res =
          solver.values(
              0.99, rewards[j], pi, 0.05, BellmanSolver.RESIDUAL_LIMIT, starts[j], separate);
      assertThat(outs[j]).isEqualTo(separate);
      assertThat(residuals[j]).isEqualTo(res);
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void anAgentSolveWithASecondRewardEqualsSeparateSolves(int states, double gamma, double tau) {
    MultiTaskMdp mdp = RandomMdps.create(states + 13, states, 4, 4, 3, gamma);
    BellmanSolver solver = new BellmanSolver(mdp.kernel());
    RewardTable own = mdp.reward(1);
    RewardTable averaged = mdp.averagedReward();
    LogPolicy before = EvaluatorFixtures.randomPolicy(5, states, 4, 1.0);
    LogPolicy pi = nearby(before, 6, 0.1);
    double[] start = new double[states];
    solver.values(gamma, own, before, tau, start);

    double[] q = new double[states * 4];
    double[] v = start.clone();
    double[] other = new double[states];
    long pairedBefore = solver.statistics().pairedPasses();
    double[] residuals =
        solver.qInto(gamma, own, pi, tau, BellmanSolver.RESIDUAL_LIMIT, q, v, averaged, other);
    assertThat(solver.statistics().pairedPasses()).isGreaterThan(pairedBefore);

    double[] qAlone = new double[states * 4];
    double[] vAlone = start.clone();
    double resAlone =
        solver.qInto(gamma, own, pi, tau, BellmanSolver.RESIDUAL_LIMIT, qAlone, vAlone);
    double[] otherAlone = new double[states];
    double otherRes =
        solver.values(gamma, averaged, pi, tau, BellmanSolver.RESIDUAL_LIMIT, null, otherAlone);
    assertThat(v).isEqualTo(vAlone);
    assertThat(q).isEqualTo(qAlone);
    assertThat(other).isEqualTo(otherAlone);
    assertThat(residuals).containsExactly(resAlone, otherRes);
    // and both certified by the residual recomputed in the test
    assertThat(EvaluatorFixtures.scaledResidual(mdp, own, pi, tau, v))
        .isLessThanOrEqualTo(BellmanSolver.RESIDUAL_LIMIT);
    assertThat(EvaluatorFixtures.scaledResidual(mdp, averaged, pi, tau, other))
        .isLessThanOrEqualTo(BellmanSolver.RESIDUAL_LIMIT);
  }

  /**
   * The metrics' request for an agent's policy on r̄ is answered from the values solved with the
   * agent's own evaluation once the metrics have asked for that agent's policies: no solve of its
   * own, and the same bits as a cold solve on a fresh solver (the reference).
   */
  @Test
  void metricsValuesFromTheAgentsSolvesEqualColdSolves() {
    int states = 600;
    double gamma = 0.99;
    double tau = 0.05;
    MultiTaskMdp mdp = RandomMdps.create(17, states, 4, 4, 3, gamma);
    BellmanSolver solver = new BellmanSolver(mdp.kernel());
    ExactPolicyEvaluator agentSide = new ExactPolicyEvaluator(mdp, solver);
    ExactPolicyEvaluator metricsSide = new ExactPolicyEvaluator(mdp, solver);
    RewardTable averaged = mdp.averagedReward();
    double[] rho = mdp.initialCopy();
    double[] q = new double[states * 4];
    // two agents start from one policy object (as runs do: the uniform start)
    LogPolicy[] pi = new LogPolicy[2];
    pi[0] = EvaluatorFixtures.randomPolicy(8, states, 4, 1.0);
    pi[1] = pi[0];
    double[][] v = new double[2][states];
    for (int t = 0; t < 4; t++) {
      for (int n = 0; n < 2; n++) {
        agentSide.evaluateInto(new EvaluationRequest(n, t, mdp.reward(n), pi[n], tau), q, v[n]);
      }
      long solves = solver.statistics().solves();
      for (int n = 0; n < (t == 0 ? 1 : 2); n++) {
        double value = metricsSide.initialValue(EvaluationRequest.of(averaged, pi[n], tau), rho);
        double reference = new BellmanSolver(mdp.kernel()).value(gamma, averaged, pi[n], tau, rho);
        assertThat(value).isEqualTo(reference);
      }
      // iteration 0 is a miss (nothing asked yet): the metrics solve; afterwards it is answered
      assertThat(solver.statistics().solves()).isEqualTo(t == 0 ? solves + 1 : solves);
      for (int n = 0; n < 2; n++) {
        pi[n] = nearby(pi[n], 20 + 2 * t + n, 0.1);
      }
    }
    LogPolicy unseen = pi[0];
    // a policy nobody evaluated is solved as before
    long solves = solver.statistics().solves();
    metricsSide.initialValue(EvaluationRequest.of(averaged, unseen, tau), rho);
    assertThat(solver.statistics().solves()).isEqualTo(solves + 1);
  }

  @Test
  void sparseLuOnlyAgreesWithKrylov() {
    MultiTaskMdp mdp = RandomMdps.create(11, 400, 3, 3, 1, 0.999);
    LogPolicy pi = EvaluatorFixtures.randomPolicy(3, 400, 3, 1.0);
    double[] krylov = new double[400];
    double[] lu = new double[400];
    new BellmanSolver(mdp.kernel()).values(0.999, mdp.reward(0), pi, 1.0, krylov);
    BellmanSolver direct = new BellmanSolver(mdp.kernel(), BellmanSolver.LargeBlocks.SPARSE_LU);
    direct.values(0.999, mdp.reward(0), pi, 1.0, lu);
    assertThat(direct.statistics().krylovSolves()).isZero();
    assertThat(EvaluatorFixtures.maxDiff(krylov, lu) / maxAbs(lu)).isLessThanOrEqualTo(1e-10);
  }
}
