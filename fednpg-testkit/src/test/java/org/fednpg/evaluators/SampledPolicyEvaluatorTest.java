package org.fednpg.evaluators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.fednpg.api.EvaluationRequest;
import org.fednpg.api.EvaluatorContext;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.RandomSource;
import org.fednpg.api.model.GenerativeModel;
import org.fednpg.api.model.KernelSampler;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.QEstimate;
import org.fednpg.api.model.RewardTable;
import org.fednpg.testkit.EvaluatorContract;
import org.fednpg.testkit.EvaluatorFixtures;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code sampled}: the contract per method, unbiasedness of Monte Carlo, the 1/√n rate, counts. */
class SampledPolicyEvaluatorTest {

  private static final MultiTaskMdp MDP = EvaluatorContract.MDP;
  private static final double GAMMA = MDP.gamma();
  private static final int CONTRACT_SAMPLES = 2000;

  /** Largest |r(s,a) − τ log π(a|s)| (rewards in [0, 1]). */
  private static double softRewardBound(LogPolicy policy, double tau) {
    double max = 0;
    for (int sa = 0; sa < policy.states() * policy.actions(); sa++) {
      max = Math.max(max, -policy.logProbability(sa));
    }
    return 1 + tau * max;
  }

  /**
   * Hoeffding for the model-based methods: each (P̂ − P)V(s,a) is a mean of n i.i.d. terms of range
   * span(V) ≤ R/(1−γ), so it exceeds span·√(ln(2·18/δ)/(2n)) with probability ≤ δ/18 per entry; δ =
   * 1e-6 gives the factor √(17.4/2) = 2.95. The resolvent adds γ/(1−γ).
   */
  private static double modelBasedBound(LogPolicy policy, double tau, int n) {
    double span = softRewardBound(policy, tau) / (1 - GAMMA);
    return GAMMA / (1 - GAMMA) * span * 2.95 / Math.sqrt(n);
  }

  private static PolicyEvaluator sampled(EvaluatorContext context, String method, int samples) {
    return EvaluatorFixtures.create(
        context, "sampled", Map.of("method", method, "samples", samples));
  }

  @Nested
  class MonteCarlo extends EvaluatorContract {
    @Override
    protected PolicyEvaluator create(EvaluatorContext context) {
      return sampled(context, "montecarlo", CONTRACT_SAMPLES);
    }

    /**
     * A geometric-stopping return G has |G| ≤ R(1 + L) with P(L ≥ t) = γ^t, so sd(G) ≤ R
     * √((1+γ))/(1−γ); 5 standard errors of the mean of n returns (per-entry false failure 5.7e-7
     * under the normal approximation).
     */
    @Override
    protected double oracleTolerance(LogPolicy policy, double tau) {
      double sd = softRewardBound(policy, tau) * Math.sqrt(1 + GAMMA) / (1 - GAMMA);
      return 5 * sd / Math.sqrt(CONTRACT_SAMPLES);
    }
  }

  @Nested
  class Lstd extends EvaluatorContract {
    @Override
    protected PolicyEvaluator create(EvaluatorContext context) {
      return sampled(context, "lstd", CONTRACT_SAMPLES);
    }

    @Override
    protected double oracleTolerance(LogPolicy policy, double tau) {
      return modelBasedBound(policy, tau, CONTRACT_SAMPLES);
    }
  }

  @Nested
  class Td extends EvaluatorContract {
    @Override
    protected PolicyEvaluator create(EvaluatorContext context) {
      return sampled(context, "td", CONTRACT_SAMPLES);
    }

    /**
     * The mean recursion contracts by 1 − α_k(1−γ) per sweep, a telescoping product equal to 1/(1 +
     * (1−γ)n): that bounds the bias from q = 0 by ‖Q‖_∞/(1 + (1−γ)n) ≤ R/((1−γ)(1+(1−γ)n)). The
     * noise is an average of the same martingale increments LSTD uses, with weights summing to ≤ 1;
     * we allow twice the LSTD bound for the non-uniform weights (our heuristic margin).
     */
    @Override
    protected double oracleTolerance(LogPolicy policy, double tau) {
      double r = softRewardBound(policy, tau);
      return r / ((1 - GAMMA) * (1 + (1 - GAMMA) * CONTRACT_SAMPLES))
          + 2 * modelBasedBound(policy, tau, CONTRACT_SAMPLES);
    }
  }

  private static final double TAU = 0.05;

  /**
   * Monte Carlo is unbiased: 400 independent calls (iterations 0..399) with 5 rollouts per pair;
   * for each of the 18 entries z = (mean − Q)/(s/√400) with the sample sd s must satisfy |z| ≤ 4.5
   * (false failure ≤ 18 · 6.8e-6 ≈ 1.2e-4 under the CLT; fixed seed).
   */
  @ParameterizedTest
  @ValueSource(doubles = {0.0, TAU})
  void monteCarloIsUnbiased(double tau) {
    int calls = 400;
    PolicyEvaluator evaluator = sampled(EvaluatorFixtures.context(MDP, 77, tau), "montecarlo", 5);
    LogPolicy pi = EvaluatorContract.policy(9);
    RewardTable r = MDP.reward(0);
    double[] exact = EvaluatorFixtures.denseQ(MDP, r, pi, tau);
    double[] sum = new double[exact.length];
    double[] sumSq = new double[exact.length];
    for (int t = 0; t < calls; t++) {
      double[] q = evaluator.evaluate(new EvaluationRequest(0, t, r, pi, tau)).toArray();
      for (int i = 0; i < q.length; i++) {
        sum[i] += q[i];
        sumSq[i] += q[i] * q[i];
      }
    }
    for (int i = 0; i < exact.length; i++) {
      double mean = sum[i] / calls;
      double var = (sumSq[i] - calls * mean * mean) / (calls - 1);
      double z = (mean - exact[i]) / Math.sqrt(var / calls);
      assertThat(Math.abs(z)).as("entry %d", i).isLessThanOrEqualTo(4.5);
    }
  }

  /**
   * The error shrinks like 1/√n: RMSE over 18 entries × 200 independent calls at n ∈ {8, 32, 128,
   * 512}, least-squares slope of log RMSE on log n in [−0.6, −0.4]. For Monte Carlo the MSE is
   * exactly Var/n; for LSTD it is Var/n + O(1/n²). Rationale for ±0.1: the log RMSE at each n has
   * sd ≈ √(1/(2·200)) = 0.05 even if the 18 entries of a call were fully correlated, so the fitted
   * slope over a log range of 4.16 has sd ≈ 0.05·0.34 ≈ 0.017; ±0.1 is about 6 sd (false failure <
   * 1e-8) while still rejecting a 1/n or n^(-1/4) rate.
   */
  @ParameterizedTest
  @ValueSource(strings = {"montecarlo", "lstd"})
  void errorShrinksLikeOneOverRootN(String method) {
    int[] budgets = {8, 32, 128, 512};
    int calls = 200;
    LogPolicy pi = EvaluatorContract.policy(12);
    RewardTable r = MDP.reward(1);
    double[] exact = EvaluatorFixtures.denseQ(MDP, r, pi, TAU);
    double[] x = new double[budgets.length];
    double[] y = new double[budgets.length];
    for (int b = 0; b < budgets.length; b++) {
      PolicyEvaluator evaluator =
          sampled(EvaluatorFixtures.context(MDP, 1000 + b, TAU), method, budgets[b]);
      double sq = 0;
      for (int t = 0; t < calls; t++) {
        double[] q = evaluator.evaluate(new EvaluationRequest(1, t, r, pi, TAU)).toArray();
        for (int i = 0; i < q.length; i++) {
          sq += (q[i] - exact[i]) * (q[i] - exact[i]);
        }
      }
      x[b] = Math.log(budgets[b]);
      y[b] = 0.5 * Math.log(sq / (calls * exact.length));
    }
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i] / x.length;
      my += y[i] / y.length;
    }
    double num = 0;
    double den = 0;
    for (int i = 0; i < x.length; i++) {
      num += (x[i] - mx) * (y[i] - my);
      den += (x[i] - mx) * (x[i] - mx);
    }
    assertThat(num / den).isBetween(-0.6, -0.4);
  }

  /** A generative model that counts its draws. */
  private static final class CountingModel implements GenerativeModel {
    final GenerativeModel inner = new KernelSampler(MDP);
    final AtomicLong draws = new AtomicLong();

    @Override
    public int states() {
      return inner.states();
    }

    @Override
    public int actions() {
      return inner.actions();
    }

    @Override
    public int nextState(int s, int a, RandomGenerator random) {
      draws.incrementAndGet();
      return inner.nextState(s, a, random);
    }

    @Override
    public int initialState(RandomGenerator random) {
      return inner.initialState(random);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"MONTECARLO", "TD", "LSTD"})
  void reportsExactlyTheTransitionsDrawn(String method) {
    CountingModel model = new CountingModel();
    int n = 7;
    SampledPolicyEvaluator evaluator =
        new SampledPolicyEvaluator(
            model, GAMMA, SampledPolicyEvaluator.Method.valueOf(method), n, RandomSource.of(3));
    QEstimate q =
        evaluator.evaluate(
            new EvaluationRequest(0, 0, MDP.reward(0), EvaluatorContract.policy(1), TAU));
    assertThat(q.samples()).isEqualTo(model.draws.get());
    if (!method.equals("MONTECARLO")) {
      assertThat(q.samples()).isEqualTo((long) n * MDP.states() * MDP.actions());
    } else {
      assertThat(q.samples()).isPositive();
    }
  }

  @Test
  void badParametersAreRejected() {
    EvaluatorContext context = EvaluatorFixtures.context(MDP, 5, TAU);
    assertThatThrownBy(() -> sampled(context, "montecarlo", 0))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("samples");
    assertThatThrownBy(() -> sampled(context, "qlearning", 10))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("method");
  }
}
