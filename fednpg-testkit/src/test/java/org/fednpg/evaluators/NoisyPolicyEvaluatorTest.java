package org.fednpg.evaluators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.fednpg.api.EvaluationRequest;
import org.fednpg.api.EvaluatorContext;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.QEstimate;
import org.fednpg.testing.Tolerances;
import org.fednpg.testkit.EvaluatorContract;
import org.fednpg.testkit.EvaluatorFixtures;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code noisy}: the contract for each law, the ε bound, zero mean, the adversarial signs. */
class NoisyPolicyEvaluatorTest {

  private static final double EPSILON = 0.1;

  /**
   * Allowed gap between q − Q and the drawn noise: both sides are rounded once more than the noise
   * itself, so the gap is a few ulps of |Q| ≤ 20 here; {@link Tolerances#EXACT} covers it.
   */
  private static final double ROUNDING = Tolerances.EXACT;

  private static PolicyEvaluator noisy(EvaluatorContext context, String law, double epsilon) {
    return EvaluatorFixtures.create(context, "noisy", Map.of("law", law, "epsilon", epsilon));
  }

  @Nested
  class Uniform extends EvaluatorContract {
    @Override
    protected PolicyEvaluator create(EvaluatorContext context) {
      return noisy(context, "uniform", EPSILON);
    }

    /** |noise| ≤ ε by construction. */
    @Override
    protected double oracleTolerance(LogPolicy policy, double tau) {
      return EPSILON + ROUNDING;
    }
  }

  @Nested
  class Gaussian extends EvaluatorContract {
    @Override
    protected PolicyEvaluator create(EvaluatorContext context) {
      return noisy(context, "gaussian", EPSILON);
    }

    /** Max of 18 |N(0, ε²)| exceeds 5ε with probability < 18 · 5.8e-7 ≈ 1e-5 (fixed seed). */
    @Override
    protected double oracleTolerance(LogPolicy policy, double tau) {
      return 5 * EPSILON;
    }
  }

  @Nested
  class Adversarial extends EvaluatorContract {
    @Override
    protected PolicyEvaluator create(EvaluatorContext context) {
      return noisy(context, "adversarial", EPSILON);
    }

    /** |noise| = ε exactly. */
    @Override
    protected double oracleTolerance(LogPolicy policy, double tau) {
      return EPSILON + ROUNDING;
    }
  }

  private static final double TAU = 0.05;

  /** q − Q over agents 0..3 and iterations 0..iterations−1 on the contract MDP. */
  private static double[] errors(String law, double epsilon, int iterations) {
    EvaluatorContext context = EvaluatorFixtures.context(EvaluatorContract.MDP, 5, TAU);
    PolicyEvaluator evaluator = noisy(context, law, epsilon);
    PolicyEvaluator exact = EvaluatorFixtures.create(context, "exact", Map.of());
    int entries = EvaluatorContract.MDP.states() * EvaluatorContract.MDP.actions();
    int agents = EvaluatorContract.MDP.agents();
    double[] out = new double[agents * iterations * entries];
    int k = 0;
    for (int agent = 0; agent < agents; agent++) {
      LogPolicy pi = EvaluatorContract.policy(40 + agent);
      for (int t = 0; t < iterations; t++) {
        EvaluationRequest r =
            new EvaluationRequest(agent, t, EvaluatorContract.MDP.reward(agent), pi, TAU);
        double[] q = evaluator.evaluate(r).toArray();
        double[] exactQ = exact.evaluate(r).toArray();
        for (int i = 0; i < entries; i++) {
          out[k++] = q[i] - exactQ[i];
        }
      }
    }
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"uniform", "gaussian", "adversarial"})
  void zeroEpsilonReproducesExactBitForBit(String law) {
    EvaluatorContext context = EvaluatorFixtures.context(EvaluatorContract.MDP, 5, TAU);
    PolicyEvaluator evaluator = noisy(context, law, 0.0);
    PolicyEvaluator exact = new ExactPolicyEvaluator(EvaluatorContract.MDP);
    EvaluationRequest r =
        new EvaluationRequest(
            3, 9, EvaluatorContract.MDP.reward(3), EvaluatorContract.policy(1), TAU);
    assertThat(evaluator.evaluate(r).toArray()).containsExactly(exact.evaluate(r).toArray());
  }

  @ParameterizedTest
  @ValueSource(strings = {"uniform", "adversarial"})
  void errorIsBoundedByEpsilon(String law) {
    for (double e : errors(law, EPSILON, 50)) {
      assertThat(Math.abs(e)).isLessThanOrEqualTo(EPSILON + ROUNDING);
    }
  }

  /**
   * Zero mean and the right variance over 4 agents × 300 iterations × 18 entries = 21600 draws.
   * Mean: |z| ≤ 4 with the known sd (false failure 6.3e-5). Variance: the sample variance's
   * relative sd is √((κ − 1)/n) with kurtosis κ = 3 (gaussian) or 1.8 (uniform), i.e. ≤ 0.0097; a
   * relative band of 0.05 is more than 5 sd (false failure < 1e-6). Fixed seed.
   */
  @ParameterizedTest
  @ValueSource(strings = {"uniform", "gaussian"})
  void noiseHasZeroMeanAndTheStatedSpread(String law) {
    double[] e = errors(law, EPSILON, 300);
    double sd = law.equals("uniform") ? EPSILON / Math.sqrt(3) : EPSILON;
    double mean = 0;
    for (double x : e) {
      mean += x;
    }
    mean /= e.length;
    double var = 0;
    for (double x : e) {
      var += (x - mean) * (x - mean);
    }
    var /= e.length - 1;
    assertThat(Math.abs(mean) / (sd / Math.sqrt(e.length))).isLessThanOrEqualTo(4.0);
    assertThat(var / (sd * sd)).isCloseTo(1.0, within(0.05));
  }

  @Test
  void adversarialNoiseIsMinusEpsilonExactlyOnOptimalActions() {
    EvaluatorContext context = EvaluatorFixtures.context(EvaluatorContract.MDP, 5, TAU);
    QEstimate optimal =
        EvaluatorFixtures.optimalQ(
            EvaluatorContract.MDP, EvaluatorContract.MDP.averagedReward(), TAU);
    PolicyEvaluator evaluator = noisy(context, "adversarial", EPSILON);
    EvaluationRequest r =
        new EvaluationRequest(
            0, 0, EvaluatorContract.MDP.reward(0), EvaluatorContract.policy(2), TAU);
    double[] q = evaluator.evaluate(r).toArray();
    double[] exact = EvaluatorFixtures.denseQ(EvaluatorContract.MDP, r.reward(), r.policy(), TAU);
    int actions = optimal.actions();
    int optimalCount = 0;
    for (int s = 0; s < optimal.states(); s++) {
      int best = 0;
      for (int a = 1; a < actions; a++) {
        if (optimal.value(s, a) > optimal.value(s, best)) {
          best = a;
        }
      }
      for (int a = 0; a < actions; a++) {
        double expected = a == best ? -EPSILON : EPSILON;
        optimalCount += a == best ? 1 : 0;
        assertThat(q[s * actions + a] - exact[s * actions + a])
            .isCloseTo(expected, within(ROUNDING));
      }
    }
    assertThat(optimalCount).isEqualTo(optimal.states());
  }

  @Test
  void adversarialTiesAllGetMinusOne() {
    QEstimate tied = QEstimate.of(2, 3, new double[] {1, 1, 0, 2, 5, 5}, 0);
    assertThat(NoisyPolicyEvaluator.computeSigns(tied, 2, 3)).containsExactly(-1, -1, 1, 1, -1, -1);
  }

  @Test
  void noiseDiffersAcrossAgentsAndIterations() {
    EvaluatorContext context = EvaluatorFixtures.context(EvaluatorContract.MDP, 5, TAU);
    PolicyEvaluator evaluator = noisy(context, "uniform", EPSILON);
    LogPolicy pi = EvaluatorContract.policy(2);
    double[] a0t0 =
        evaluator
            .evaluate(new EvaluationRequest(0, 0, EvaluatorContract.MDP.reward(0), pi, TAU))
            .toArray();
    double[] a1t0 =
        evaluator
            .evaluate(new EvaluationRequest(1, 0, EvaluatorContract.MDP.reward(0), pi, TAU))
            .toArray();
    double[] a0t1 =
        evaluator
            .evaluate(new EvaluationRequest(0, 1, EvaluatorContract.MDP.reward(0), pi, TAU))
            .toArray();
    assertThat(a1t0).isNotEqualTo(a0t0);
    assertThat(a0t1).isNotEqualTo(a0t0);
  }

  @Test
  void badParametersAreRejected() {
    EvaluatorContext context = EvaluatorFixtures.context(EvaluatorContract.MDP, 5, TAU);
    assertThatThrownBy(() -> noisy(context, "uniform", -0.1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("epsilon");
    assertThatThrownBy(() -> noisy(context, "cauchy", 0.1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("law");
    assertThatThrownBy(
            () ->
                EvaluatorFixtures.create(context, "noisy", Map.of("epsilon", 0.1, "base", "noisy")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("base");
  }
}
