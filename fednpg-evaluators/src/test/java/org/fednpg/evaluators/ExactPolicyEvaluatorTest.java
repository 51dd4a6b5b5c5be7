package org.fednpg.evaluators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.fednpg.api.FedNpgException;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;
import org.fednpg.testing.RandomMdps;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code exact}: residual guarantee and agreement with a dense Gaussian-elimination solve. */
class ExactPolicyEvaluatorTest {

  private static final double[] TAUS = {0.0, 0.05, 1.0};

  /** Checks V and Q of {@code policy} against the dense solve, and the residual, for all τ. */
  private static void checkAgainstDense(MultiTaskMdp mdp, LogPolicy policy) {
    for (double tau : TAUS) {
      RewardTable r = mdp.reward(0);
      PolicyEvaluation eval = ExactPolicyEvaluator.evaluate(mdp, r, policy, tau);
      double[] v = eval.values();
      double[] vDense = EvaluatorFixtures.denseValues(mdp, r, policy, tau);
      double scale = Math.max(1, maxAbs(vDense));
      assertThat(EvaluatorFixtures.maxDiff(v, vDense) / scale)
          .as("V vs dense, tau %s", tau)
          .isLessThanOrEqualTo(Tolerances.EXACT);
      assertThat(
              EvaluatorFixtures.maxDiff(
                      eval.qValues(), EvaluatorFixtures.qFromValues(mdp, r, vDense))
                  / scale)
          .as("Q vs dense, tau %s", tau)
          .isLessThanOrEqualTo(Tolerances.EXACT);
      assertThat(EvaluatorFixtures.scaledResidual(mdp, r, policy, tau, v))
          .as("residual, tau %s", tau)
          .isLessThanOrEqualTo(Tolerances.RESIDUAL);
      assertThat(eval.residual()).isLessThanOrEqualTo(Tolerances.RESIDUAL);
    }
  }

  private static double maxAbs(double[] x) {
    double m = 0;
    for (double d : x) {
      m = Math.max(m, Math.abs(d));
    }
    return m;
  }

  static Stream<Arguments> randomMdps() {
    List<Arguments> list = new ArrayList<>();
    long seed = 1;
    for (int branching : new int[] {1, 2, 5}) {
      for (double gamma : new double[] {0.5, 0.9, 0.99}) {
        list.add(Arguments.of(seed++, 40, 3, branching, gamma));
      }
    }
    list.add(Arguments.of(seed++, 300, 2, 3, 0.99));
    list.add(Arguments.of(seed, 260, 4, 1, 0.95));
    return list.stream();
  }

  @ParameterizedTest(name = "seed {0}: {1} states, {2} actions, branching {3}, gamma {4}")
  @MethodSource("randomMdps")
  void matchesDenseSolveOnRandomMdps(
      long seed, int states, int actions, int branching, double gamma) {
    MultiTaskMdp mdp = RandomMdps.create(seed, states, actions, branching, 1, gamma);
    checkAgainstDense(mdp, EvaluatorFixtures.randomPolicy(seed + 100, states, actions, 2.0));
    checkAgainstDense(mdp, LogPolicy.uniform(states, actions));
  }

  /**
   * A K×K gridworld with RIGHT/DOWN moves, staying in place at the border and an absorbing goal: a
   * DAG with self-loops, so every strongly connected component is a single state.
   */
  static MultiTaskMdp gridworld(int k, double gamma, long seed) {
    TransitionKernel.Builder b = TransitionKernel.builder(k * k, 2);
    for (int row = 0; row < k; row++) {
      for (int c = 0; c < k; c++) {
        int s = row * k + c;
        boolean goal = s == k * k - 1;
        b.add(s, 0, goal || c == k - 1 ? s : s + 1, 1.0);
        b.add(s, 1, goal || row == k - 1 ? s : s + k, 1.0);
      }
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double[] r = new double[k * k * 2];
    for (int i = 0; i < r.length; i++) {
      r[i] = rng.nextDouble();
    }
    return EvaluatorFixtures.mdp(b.build(), gamma, RewardTable.of(k * k, 2, r));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.5, 0.99})
  void gridworldIsSolvedByBackSubstitution(double gamma) {
    MultiTaskMdp mdp = gridworld(9, gamma, 3);
    BellmanSolver solver = new BellmanSolver(mdp.kernel());
    assertThat(solver.largestComponent()).isEqualTo(1);
    assertThat(solver.components()).isEqualTo(81);
    checkAgainstDense(mdp, EvaluatorFixtures.randomPolicy(4, 81, 2, 3.0));
  }

  /**
   * Four clusters of sizes 1, 7, 40 and 230, each strongly connected through a cycle, with edges
   * only from a cluster to later ones: exactly four components, one of them above the dense limit.
   */
  static MultiTaskMdp clustered(double gamma, long seed) {
    int[] sizes = {230, 40, 7, 1};
    int n = 0;
    for (int size : sizes) {
      n += size;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    TransitionKernel.Builder b = TransitionKernel.builder(n, 2);
    int from = 0;
    for (int c = 0; c < sizes.length; c++) {
      int size = sizes[c];
      for (int i = 0; i < size; i++) {
        int s = from + i;
        for (int a = 0; a < 2; a++) {
          double w0 = 0.2 + rng.nextDouble();
          double w1 = rng.nextDouble();
          double w2 = rng.nextDouble();
          double out = c < sizes.length - 1 ? 0.05 * rng.nextDouble() : 0.0;
          double total = w0 + w1 + w2 + out;
          b.add(s, a, from + (i + 1) % size, w0 / total);
          b.add(s, a, from + rng.nextInt(size), w1 / total);
          b.add(s, a, from + rng.nextInt(size), w2 / total);
          if (out > 0) {
            int later = from + size + rng.nextInt(n - from - size);
            b.add(s, a, later, out / total);
          }
        }
      }
      from += size;
    }
    double[] r = new double[n * 2];
    for (int i = 0; i < r.length; i++) {
      r[i] = rng.nextDouble();
    }
    return EvaluatorFixtures.mdp(b.build(), gamma, RewardTable.of(n, 2, r));
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.9, 0.99})
  void severalNontrivialComponents(double gamma) {
    MultiTaskMdp mdp = clustered(gamma, 17);
    BellmanSolver solver = new BellmanSolver(mdp.kernel());
    assertThat(solver.components()).isEqualTo(4);
    assertThat(solver.largestComponent()).isEqualTo(230);
    checkAgainstDense(mdp, EvaluatorFixtures.randomPolicy(5, mdp.states(), 2, 1.5));
  }

  @Test
  void sparseLuFallbackGivesTheSameAnswer() {
    MultiTaskMdp mdp = clustered(0.99, 23);
    BellmanSolver solver = new BellmanSolver(mdp.kernel(), BellmanSolver.LargeBlocks.SPARSE_LU);
    LogPolicy pi = EvaluatorFixtures.randomPolicy(6, mdp.states(), 2, 1.0);
    double[] v = solver.evaluate(0.99, mdp.reward(0), pi, 0.05).values();
    double[] dense = EvaluatorFixtures.denseValues(mdp, mdp.reward(0), pi, 0.05);
    assertThat(EvaluatorFixtures.maxDiff(v, dense) / Math.max(1, maxAbs(dense)))
        .isLessThanOrEqualTo(Tolerances.EXACT);
  }

  /** A long directed cycle (slowly mixing) with a stay action, above the dense limit. */
  @Test
  void longCycleAboveTheDenseLimit() {
    int n = 400;
    TransitionKernel.Builder b = TransitionKernel.builder(n, 2);
    for (int s = 0; s < n; s++) {
      b.add(s, 0, (s + 1) % n, 1.0);
      b.add(s, 1, s, 0.3).add(s, 1, (s + 1) % n, 0.7);
    }
    double[] r = new double[2 * n];
    r[0] = 1.0;
    MultiTaskMdp mdp = EvaluatorFixtures.mdp(b.build(), 0.99, RewardTable.of(n, 2, r));
    assertThat(new BellmanSolver(mdp.kernel()).largestComponent()).isEqualTo(n);
    checkAgainstDense(mdp, EvaluatorFixtures.randomPolicy(8, n, 2, 1.0));
  }

  /**
   * One absorbing state with reward r in every action: V = (r + τ log A)/(1 − γ) under uniform π.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5})
  void absorbingStateClosedForm(int actions) {
    double reward = 0.7;
    double gamma = 0.95;
    TransitionKernel.Builder b = TransitionKernel.builder(1, actions);
    double[] r = new double[actions];
    for (int a = 0; a < actions; a++) {
      b.add(0, a, 0, 1.0);
      r[a] = reward;
    }
    MultiTaskMdp mdp = EvaluatorFixtures.mdp(b.build(), gamma, RewardTable.of(1, actions, r));
    LogPolicy uniform = LogPolicy.uniform(1, actions);
    double vHard = ExactPolicyEvaluator.values(mdp, mdp.reward(0), uniform, 0)[0];
    assertThat(vHard).isCloseTo(reward / (1 - gamma), within(Tolerances.EXACT));
    double tau = 0.3;
    PolicyEvaluation soft = ExactPolicyEvaluator.evaluate(mdp, mdp.reward(0), uniform, tau);
    double expectedV = (reward + tau * Math.log(actions)) / (1 - gamma);
    assertThat(soft.value(0)).isCloseTo(expectedV, within(Tolerances.EXACT));
    // Q(s, a) = r + γ V, and V = Σ_a π (Q − τ log π) = Q + τ log A
    assertThat(soft.q(0, 0)).isCloseTo(reward + gamma * expectedV, within(Tolerances.EXACT));
    assertThat(ExactPolicyEvaluator.initialValue(mdp, mdp.reward(0), uniform, tau))
        .isCloseTo(expectedV, within(Tolerances.EXACT));
  }

  @Test
  void softValueIdentityHolds() {
    MultiTaskMdp mdp = RandomMdps.create(31, 25, 3, 4, 1, 0.9);
    LogPolicy pi = EvaluatorFixtures.randomPolicy(32, 25, 3, 1.0);
    double tau = 0.2;
    PolicyEvaluation e = ExactPolicyEvaluator.evaluate(mdp, mdp.reward(0), pi, tau);
    for (int s = 0; s < 25; s++) {
      double v = 0;
      for (int a = 0; a < 3; a++) {
        v += pi.probability(s, a) * (e.q(s, a) - tau * pi.logProbability(s, a));
      }
      assertThat(e.value(s)).isCloseTo(v, within(Tolerances.EXACT));
    }
  }

  /**
   * With γ = 1 − 1e-12, V is about 1e12 times b, so rounding alone leaves a scaled residual near
   * 1e-16 · 1e12 = 1e-4 in a coupled block: the solver cannot certify 1e-10 and must say so.
   */
  @Test
  void refusesToReturnUncertifiedNumbers() {
    MultiTaskMdp mdp = RandomMdps.create(3, 30, 2, 5, 1, 1 - 1e-12);
    LogPolicy pi = LogPolicy.uniform(30, 2);
    assertThatThrownBy(() -> ExactPolicyEvaluator.evaluate(mdp, mdp.reward(0), pi, 0))
        .isInstanceOf(FedNpgException.class)
        .hasMessageContaining("residual");
  }

  @Test
  void rejectsBadArguments() {
    MultiTaskMdp mdp = RandomMdps.create(1, 4, 2, 2, 1, 0.9);
    BellmanSolver solver = new BellmanSolver(mdp.kernel());
    LogPolicy pi = LogPolicy.uniform(4, 2);
    assertThatThrownBy(() -> solver.evaluate(1.0, mdp.reward(0), pi, 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("gamma");
    assertThatThrownBy(() -> solver.evaluate(0.9, mdp.reward(0), pi, -1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("tau");
    assertThatThrownBy(() -> solver.evaluate(0.9, mdp.reward(0), LogPolicy.uniform(3, 2), 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("policy");
    assertThatThrownBy(() -> solver.value(0.9, mdp.reward(0), pi, 0, new double[3]))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void evaluatorsOfOneRunShareOneSolverAndRunsDoNot() {
    MultiTaskMdp mdp = RandomMdps.create(2, 10, 2, 2, 1, 0.9);
    org.fednpg.api.EvaluatorContext run = EvaluatorFixtures.context(mdp, 1, 0);
    ExactPolicyEvaluator a =
        (ExactPolicyEvaluator) EvaluatorFixtures.create(run, "exact", java.util.Map.of());
    ExactPolicyEvaluator b =
        (ExactPolicyEvaluator) EvaluatorFixtures.create(run, "exact", java.util.Map.of());
    ExactPolicyEvaluator other =
        (ExactPolicyEvaluator)
            EvaluatorFixtures.create(
                EvaluatorFixtures.context(mdp, 1, 0), "exact", java.util.Map.of());
    assertThat(a.solver()).isSameAs(b.solver());
    assertThat(other.solver()).isNotSameAs(a.solver());
    assertThat(new ExactPolicyEvaluator(mdp.withGamma(0.5), a.solver()).solver())
        .isSameAs(a.solver());
    MultiTaskMdp unrelated = RandomMdps.create(3, 10, 2, 2, 1, 0.9);
    assertThatThrownBy(() -> new ExactPolicyEvaluator(unrelated, a.solver()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("kernel");
  }
}
