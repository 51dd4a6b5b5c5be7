package org.fednpg.evaluators;

import org.fednpg.api.InvalidInputException;
import org.fednpg.api.model.QEstimate;

/**
 * The result of one exact evaluation: V_τ^π (|S|), Q_τ^π (|S|×|A|) and the scaled Bellman residual
 * the solve achieved. Immutable; accessors copy.
 */
public final class PolicyEvaluation {

  private final int states;
  private final int actions;
  private final double[] v;
  private final double[] q;
  private final double residual;

  PolicyEvaluation(int states, int actions, double[] v, double[] q, double residual) {
    this.states = states;
    this.actions = actions;
    this.v = v;
    this.q = q;
    this.residual = residual;
  }

  /** V_τ^π(s). */
  public double value(int s) {
    return v[s];
  }

  /** Σ_s ρ(s) V_τ^π(s). */
  public double value(double[] rho) {
    if (rho.length != states) {
      throw new InvalidInputException(
          "initial distribution has " + rho.length + " entries, expected " + states);
    }
    double sum = 0;
    for (int s = 0; s < states; s++) {
      sum += rho[s] * v[s];
    }
    return sum;
  }

  /** Q_τ^π(s, a). */
  public double q(int s, int a) {
    return q[s * actions + a];
  }

  /** A copy of V. */
  public double[] values() {
    return v.clone();
  }

  /** A copy of Q, row {@code s * actions + a}. */
  public double[] qValues() {
    return q.clone();
  }

  /** Q as an estimate with zero samples. */
  public QEstimate toQEstimate() {
    return QEstimate.of(states, actions, q, 0);
  }

  /** Scaled residual ‖(I − γP_π)V − b‖_∞ / max(1, ‖b‖_∞) of the solve. */
  public double residual() {
    return residual;
  }

  public int states() {
    return states;
  }

  public int actions() {
    return actions;
  }
}
