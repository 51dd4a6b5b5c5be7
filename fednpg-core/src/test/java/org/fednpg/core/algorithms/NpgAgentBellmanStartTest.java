package org.fednpg.core.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.util.ArrayList;
import java.util.List;
import org.fednpg.api.EvaluationRequest;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.QEstimate;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;
import org.fednpg.evaluators.BellmanSolver;
import org.fednpg.evaluators.ExactPolicyEvaluator;
import org.fednpg.testing.RandomMdps;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The warm start an {@link NpgAgent} hands an iterative evaluator is one Bellman step from its last
 * Q: V(s) = Σ_a π'(a|s) (q(s,a) − τ log π'(a|s)) for the new policy π'. Checked against that
 * formula evaluated in the test from the agent's q, against the Bellman-residual contraction it
 * promises (computed here with a dense P_π: ‖T V − V‖ of the start at most γ times that of the
 * previous V), and the agent's new Q against an independent cold solve.
 */
class NpgAgentBellmanStartTest {

  /** One component of 300 states (above the dense limit): the Krylov path, warm starts used. */
  private static final MultiTaskMdp MDP = RandomMdps.create(17, 300, 3, 4, 2, 0.99);

  /** The exact evaluator, recording the start it was given on each warm-start call. */
  private static final class Recording implements PolicyEvaluator {
    final ExactPolicyEvaluator exact = new ExactPolicyEvaluator(MDP);
    final List<double[]> starts = new ArrayList<>();

    @Override
    public QEstimate evaluate(EvaluationRequest request) {
      return exact.evaluate(request);
    }

    @Override
    public long evaluateInto(EvaluationRequest request, double[] out, double[] values) {
      starts.add(values.clone());
      return exact.evaluateInto(request, out, values);
    }

    @Override
    public boolean usesWarmStarts() {
      return exact.usesWarmStarts();
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.05})
  void startIsOneBellmanStepFromTheLastQ(double tau) {
    assertThat(new BellmanSolver(MDP.kernel()).largestComponent())
        .isGreaterThan(BellmanSolver.DENSE_LIMIT);
    int states = MDP.states();
    int actions = MDP.actions();
    double gamma = MDP.gamma();
    RewardTable reward = MDP.reward(0);
    Recording evaluator = new Recording();
    assertThat(evaluator.usesWarmStarts()).isTrue();
    NpgAgent agent =
        new NpgAgent(
            0, reward, evaluator, LogPolicy.uniform(states, actions), 0.1, tau, gamma, true);
    agent.initialize();
    assertThat(evaluator.starts).hasSize(1);
    assertThat(evaluator.starts.get(0)).containsOnly(0.0);
    for (long t = 0; t < 3; t++) {
      double[] q = agent.localQ();
      double[] oldV = previousValues(agent.policy(), q, tau);
      // a lone agent: its mix is its own message
      agent.receive(t, 0, agent.send(t, 0).clone());
      LogPolicy next = agent.policy();
      double[] start = evaluator.starts.get(evaluator.starts.size() - 1);
      double[] expected = new double[states];
      for (int s = 0; s < states; s++) {
        for (int a = 0; a < actions; a++) {
          double lp = next.logProbability(s, a);
          expected[s] += Math.exp(lp) * (q[s * actions + a] - tau * lp);
        }
      }
      for (int s = 0; s < states; s++) {
        assertThat(start[s])
            .isCloseTo(expected[s], offset(1e-12 * Math.max(1, Math.abs(expected[s]))));
      }
      double[][] p = densePolicyKernel(MDP.kernel(), next);
      double[] b = softReward(reward, next, tau);
      double startResidual = bellmanResidual(p, b, gamma, start);
      double oldResidual = bellmanResidual(p, b, gamma, oldV);
      assertThat(oldResidual).isGreaterThan(1e-6);
      assertThat(startResidual).isLessThanOrEqualTo(gamma * oldResidual * (1 + 1e-9) + 1e-12);
      agent.receive(t, 1, agent.send(t, 1).clone());
    }
    // the Q the agent now holds (evaluated from the Bellman start) against a separate cold solve
    double[] cold = ExactPolicyEvaluator.evaluate(MDP, reward, agent.policy(), tau).qValues();
    double[] held = agent.localQ();
    double scale = 0;
    for (double c : cold) {
      scale = Math.max(scale, Math.abs(c));
    }
    for (int i = 0; i < cold.length; i++) {
      assertThat(held[i]).isCloseTo(cold[i], offset(1e-9 * scale));
    }
  }

  /** V = Σ_a π (q − τ log π) of a policy and its Q. */
  private static double[] previousValues(LogPolicy policy, double[] q, double tau) {
    int states = policy.states();
    int actions = policy.actions();
    double[] v = new double[states];
    for (int s = 0; s < states; s++) {
      for (int a = 0; a < actions; a++) {
        double lp = policy.logProbability(s, a);
        v[s] += Math.exp(lp) * (q[s * actions + a] - tau * lp);
      }
    }
    return v;
  }

  private static double[][] densePolicyKernel(TransitionKernel kernel, LogPolicy policy) {
    int states = kernel.states();
    double[][] p = new double[states][states];
    for (int s = 0; s < states; s++) {
      for (int a = 0; a < kernel.actions(); a++) {
        double pa = Math.exp(policy.logProbability(s, a));
        for (int k = kernel.rowStart(s, a); k < kernel.rowEnd(s, a); k++) {
          p[s][kernel.next(k)] += pa * kernel.probability(k);
        }
      }
    }
    return p;
  }

  private static double[] softReward(RewardTable reward, LogPolicy policy, double tau) {
    int states = policy.states();
    int actions = policy.actions();
    double[] b = new double[states];
    for (int s = 0; s < states; s++) {
      for (int a = 0; a < actions; a++) {
        double lp = policy.logProbability(s, a);
        b[s] += Math.exp(lp) * (reward.get(s, a) - tau * lp);
      }
    }
    return b;
  }

  /** ‖b + γ P v − v‖_∞. */
  private static double bellmanResidual(double[][] p, double[] b, double gamma, double[] v) {
    double norm = 0;
    for (int s = 0; s < v.length; s++) {
      double acc = 0;
      for (int t = 0; t < v.length; t++) {
        acc += p[s][t] * v[t];
      }
      norm = Math.max(norm, Math.abs(b[s] + gamma * acc - v[s]));
    }
    return norm;
  }
}
