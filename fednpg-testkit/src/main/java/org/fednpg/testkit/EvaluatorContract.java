package org.fednpg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fednpg.api.EvaluationRequest;
import org.fednpg.api.EvaluatorContext;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.QEstimate;
import org.fednpg.api.model.RewardTable;
import org.fednpg.testing.RandomMdps;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link org.fednpg.api.PolicyEvaluator} honours (SPEC §4), with {@code exact}
 * as the oracle: shapes, determinism for a seed, τ > 0, rejection of mismatched inputs, and
 * identical results whether agents are evaluated in parallel or in sequence.
 */
public abstract class EvaluatorContract {

  /** A small MDP (6 states, 3 actions, branching 3, 4 agents, γ = 0.8) shared by the contract. */
  public static final MultiTaskMdp MDP = RandomMdps.create(11, 6, 3, 3, 4, 0.8);

  public static final long SEED = 20240611L;

  protected EvaluatorContext context;
  protected PolicyEvaluator evaluator;

  /** The evaluator under test, built on {@code context} (τ of the run given for Q_τ*). */
  protected abstract PolicyEvaluator create(EvaluatorContext context);

  /**
   * Largest ‖q − Q_τ^π‖_∞ this evaluator may show on {@link #MDP} (rewards in [0, 1], γ = 0.8) for
   * {@code policy} at {@code tau}; the subclass states its source.
   */
  protected abstract double oracleTolerance(LogPolicy policy, double tau);

  @BeforeEach
  protected void build() {
    context = EvaluatorFixtures.context(MDP, SEED, 0.0);
    evaluator = create(context);
  }

  public static LogPolicy policy(long seed) {
    return EvaluatorFixtures.randomPolicy(seed, MDP.states(), MDP.actions(), 1.0);
  }

  @Test
  void shapesMatchTheMdp() {
    QEstimate q = evaluator.evaluate(new EvaluationRequest(0, 0, MDP.reward(0), policy(1), 0));
    assertThat(q.states()).isEqualTo(MDP.states());
    assertThat(q.actions()).isEqualTo(MDP.actions());
    assertThat(q.toArray()).hasSize(MDP.states() * MDP.actions());
    assertThat(q.samples()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void sameRequestTwiceGivesIdenticalResults() {
    EvaluationRequest request = new EvaluationRequest(2, 7, MDP.reward(2), policy(2), 0.05);
    QEstimate first = evaluator.evaluate(request);
    QEstimate second = create(EvaluatorFixtures.context(MDP, SEED, 0.0)).evaluate(request);
    QEstimate again = evaluator.evaluate(request);
    assertThat(second.toArray()).containsExactly(first.toArray());
    assertThat(again.toArray()).containsExactly(first.toArray());
    assertThat(second.samples()).isEqualTo(first.samples());
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.0, 0.05, 1.0})
  void agreesWithTheExactOracleWithinItsTolerance(double tau) {
    LogPolicy pi = policy(3);
    RewardTable r = MDP.reward(1);
    QEstimate q = evaluator.evaluate(new EvaluationRequest(1, 3, r, pi, tau));
    double[] exact = EvaluatorFixtures.denseQ(MDP, r, pi, tau);
    assertThat(EvaluatorFixtures.maxDiff(q.toArray(), exact))
        .isLessThanOrEqualTo(oracleTolerance(pi, tau));
    for (double x : q.toArray()) {
      assertThat(x).isFinite();
    }
  }

  @Test
  void rejectsARewardAndPolicyOfAnotherShape() {
    MultiTaskMdp other = RandomMdps.create(5, 5, 3, 2, 1, 0.8);
    EvaluationRequest fewerStates =
        new EvaluationRequest(0, 0, other.reward(0), LogPolicy.uniform(5, 3), 0);
    assertThatThrownBy(() -> evaluator.evaluate(fewerStates))
        .isInstanceOf(InvalidInputException.class);
    MultiTaskMdp twoActions = RandomMdps.create(5, 6, 2, 2, 1, 0.8);
    EvaluationRequest fewerActions =
        new EvaluationRequest(0, 0, twoActions.reward(0), LogPolicy.uniform(6, 2), 0);
    assertThatThrownBy(() -> evaluator.evaluate(fewerActions))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void mismatchedRewardAndPolicyAreRejected() {
    assertThatThrownBy(
            () ->
                new EvaluationRequest(
                    0, 0, RewardTable.of(6, 2, new double[12]), LogPolicy.uniform(6, 3), 0))
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void parallelAgentsGiveTheSameAsSequential() throws Exception {
    List<EvaluationRequest> requests = new ArrayList<>();
    for (int agent = 0; agent < MDP.agents(); agent++) {
      for (int t = 0; t < 4; t++) {
        requests.add(
            new EvaluationRequest(
                agent, t, MDP.reward(agent), policy(100 + agent * 7 + t), t % 2 == 0 ? 0.0 : 0.05));
      }
    }
    List<double[]> sequential = new ArrayList<>();
    for (EvaluationRequest r : requests) {
      sequential.add(evaluator.evaluate(r).toArray());
    }
    PolicyEvaluator fresh = create(EvaluatorFixtures.context(MDP, SEED, 0.0));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<double[]>> futures = new ArrayList<>();
      for (int rep = 0; rep < 3; rep++) {
        for (EvaluationRequest r : requests) {
          futures.add(pool.submit(() -> fresh.evaluate(r).toArray()));
        }
      }
      for (int i = 0; i < futures.size(); i++) {
        assertThat(futures.get(i).get()).containsExactly(sequential.get(i % requests.size()));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
