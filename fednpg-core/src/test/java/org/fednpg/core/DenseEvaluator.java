package org.fednpg.core;

import org.fednpg.api.EvaluationRequest;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.QEstimate;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;
import org.fednpg.testing.DenseSolve;

/**
 * An independent exact evaluator for core tests: forms I − γP_π densely and solves by Gaussian
 * elimination with partial pivoting. Only for small MDPs.
 */
public final class DenseEvaluator implements PolicyEvaluator {

  private final MultiTaskMdp mdp;

  public DenseEvaluator(MultiTaskMdp mdp) {
    this.mdp = mdp;
  }

  @Override
  public QEstimate evaluate(EvaluationRequest request) {
    return QEstimate.of(
        mdp.states(), mdp.actions(), q(mdp, request.reward(), request.policy(), request.tau()), 0);
  }

  /** Q_τ^π by a dense solve. */
  public static double[] q(MultiTaskMdp mdp, RewardTable r, LogPolicy pi, double tau) {
    int nS = mdp.states();
    int nA = mdp.actions();
    double g = mdp.gamma();
    TransitionKernel p = mdp.kernel();
    double[][] a = new double[nS][nS + 1];
    for (int s = 0; s < nS; s++) {
      a[s][s] += 1;
      for (int act = 0; act < nA; act++) {
        double prob = pi.probability(s, act);
        if (prob == 0) {
          continue; // 0 · log 0 = 0, and no transitions through a never-taken action
        }
        a[s][nS] += prob * (r.get(s, act) - tau * pi.logProbability(s, act));
        for (int k = p.rowStart(s, act); k < p.rowEnd(s, act); k++) {
          a[s][p.next(k)] -= g * prob * p.probability(k);
        }
      }
    }
    double[] v = DenseSolve.augmented(a);
    double[] q = new double[nS * nA];
    for (int s = 0; s < nS; s++) {
      for (int act = 0; act < nA; act++) {
        double ev = 0;
        for (int k = p.rowStart(s, act); k < p.rowEnd(s, act); k++) {
          ev += p.probability(k) * v[p.next(k)];
        }
        q[s * nA + act] = r.get(s, act) + g * ev;
      }
    }
    return q;
  }
}
