package org.fednpg.evaluators;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.fednpg.api.EvaluationRequest;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.RandomSource;
import org.fednpg.api.model.QEstimate;

/**
 * The {@code noisy} evaluator: a base estimate (by default {@code exact}) plus seeded noise of size
 * ε, modelling the inexact evaluation ‖q − Q‖_∞ ≤ ε the paper's analysis assumes (SPEC §4).
 *
 * <ul>
 *   <li>{@code uniform}: independent U[−ε, ε) per entry;
 *   <li>{@code gaussian}: independent N(0, ε²) per entry (unbounded: ‖q − Q‖_∞ ≤ ε does not hold);
 *   <li>{@code adversarial} (our definition): deterministic −ε on every action that is optimal in
 *       its state under Q_τ* (the run's optimal Q, ties within {@value #TIE_TOLERANCE} relative
 *       included) and +ε on every other action, so the estimate pushes the policy away from the
 *       optimum. With a single action per state the entry gets −ε.
 * </ul>
 *
 * <p>Random noise is drawn from {@code random.child(agent).child(iteration).child("noise")}, so it
 * is independent per agent, iteration and entry and does not depend on call order or threads. With
 * ε = 0 the base estimate is returned unchanged (bit for bit).
 */
public final class NoisyPolicyEvaluator implements PolicyEvaluator {

  /** Relative tolerance under which two optimal Q values count as tied. */
  public static final double TIE_TOLERANCE = 1e-12;

  /** Noise law. */
  public enum Law {
    UNIFORM,
    GAUSSIAN,
    ADVERSARIAL
  }

  private final PolicyEvaluator base;
  private final Law law;
  private final double epsilon;
  private final RandomSource random;
  private final Supplier<QEstimate> optimalQ;
  private volatile double[] signs;

  /**
   * @param base the evaluator whose estimate is perturbed
   * @param law the noise law
   * @param epsilon noise size ε ≥ 0 (half-width, sd, or magnitude)
   * @param random this evaluator's node of the seed tree
   * @param optimalQ Q_τ*, used only by {@link Law#ADVERSARIAL} and fetched on first use
   */
  public NoisyPolicyEvaluator(
      PolicyEvaluator base,
      Law law,
      double epsilon,
      RandomSource random,
      Supplier<QEstimate> optimalQ) {
    if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
      throw new InvalidInputException(
          "noisy evaluator: epsilon must be finite and >= 0, got " + epsilon);
    }
    this.base = base;
    this.law = law;
    this.epsilon = epsilon;
    this.random = random;
    this.optimalQ = optimalQ;
  }

  @Override
  public QEstimate evaluate(EvaluationRequest request) {
    QEstimate q = base.evaluate(request);
    if (epsilon == 0) {
      return q;
    }
    double[] values = q.toArray();
    switch (law) {
      case UNIFORM:
        {
          SplittableRandom rng = stream(request);
          for (int i = 0; i < values.length; i++) {
            values[i] += epsilon * (2 * rng.nextDouble() - 1);
          }
          break;
        }
      case GAUSSIAN:
        {
          SplittableRandom rng = stream(request);
          for (int i = 0; i < values.length; i++) {
            values[i] += epsilon * rng.nextGaussian();
          }
          break;
        }
      case ADVERSARIAL:
        {
          double[] sign = adversarialSigns(q.states(), q.actions());
          for (int i = 0; i < values.length; i++) {
            values[i] += epsilon * sign[i];
          }
          break;
        }
      default:
        throw new IllegalStateException("unhandled law " + law);
    }
    return QEstimate.of(q.states(), q.actions(), values, q.samples());
  }

  private SplittableRandom stream(EvaluationRequest request) {
    return random.child(request.agent()).child(request.iteration()).child("noise").random();
  }

  /** −1 on optimal actions, +1 elsewhere; computed once from Q_τ*. */
  private double[] adversarialSigns(int states, int actions) {
    double[] s = signs;
    if (s == null) {
      synchronized (this) {
        s = signs;
        if (s == null) {
          s = computeSigns(optimalQ.get(), states, actions);
          signs = s;
        }
      }
    }
    return s;
  }

  /** The adversarial sign table for a given optimal Q (public for tests and diagnostics). */
  public static double[] computeSigns(QEstimate optimal, int states, int actions) {
    if (optimal.states() != states || optimal.actions() != actions) {
      throw new InvalidInputException(
          "optimal Q is "
              + optimal.states()
              + "x"
              + optimal.actions()
              + ", expected "
              + states
              + "x"
              + actions);
    }
    double[] sign = new double[states * actions];
    for (int st = 0; st < states; st++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < actions; a++) {
        max = Math.max(max, optimal.value(st, a));
      }
      double tie = TIE_TOLERANCE * Math.max(1.0, Math.abs(max));
      for (int a = 0; a < actions; a++) {
        sign[st * actions + a] = optimal.value(st, a) >= max - tie ? -1.0 : 1.0;
      }
    }
    return sign;
  }
}
