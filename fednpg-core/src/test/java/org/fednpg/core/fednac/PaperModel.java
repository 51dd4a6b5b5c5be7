package org.fednpg.core.fednac;

import org.ejml.simple.SimpleMatrix;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.TransitionKernel;

/**
 * Exact model quantities for the paper-variant tests, computed densely with EJML (independent of
 * the code under test): the state–action chain M((s,a),(s',a')) = P(s'|s,a) π(a'|s') and the
 * discounted visitation d̃_ν^π = (1−γ) νᵀ (I − γM)⁻¹.
 */
final class PaperModel {

  private PaperModel() {}

  /** M as a dense |S||A| × |S||A| matrix. */
  static SimpleMatrix chain(MultiTaskMdp mdp, LogPolicy pi) {
    int actions = mdp.actions();
    int rows = mdp.states() * actions;
    TransitionKernel k = mdp.kernel();
    SimpleMatrix m = new SimpleMatrix(rows, rows);
    for (int sa = 0; sa < rows; sa++) {
      int s = sa / actions;
      int a = sa % actions;
      for (int j = k.rowStart(s, a); j < k.rowEnd(s, a); j++) {
        int next = k.next(j);
        for (int b = 0; b < actions; b++) {
          int nsa = next * actions + b;
          m.set(sa, nsa, m.get(sa, nsa) + k.probability(j) * pi.probability(next, b));
        }
      }
    }
    return m;
  }

  /** d̃_ν^π(s,a) = (1−γ) [νᵀ (I − γM)⁻¹](s,a). */
  static double[] visitation(MultiTaskMdp mdp, LogPolicy pi, double[] nu) {
    int rows = nu.length;
    SimpleMatrix a = SimpleMatrix.identity(rows).minus(chain(mdp, pi).scale(mdp.gamma()));
    SimpleMatrix x = a.transpose().solve(new SimpleMatrix(rows, 1, true, nu));
    double[] d = new double[rows];
    for (int i = 0; i < rows; i++) {
      d[i] = (1 - mdp.gamma()) * x.get(i, 0);
    }
    return d;
  }

  /** ν = ρ(s) π(a|s). */
  static double[] rhoPolicy(MultiTaskMdp mdp, LogPolicy pi) {
    int actions = mdp.actions();
    double[] nu = new double[mdp.states() * actions];
    for (int sa = 0; sa < nu.length; sa++) {
      nu[sa] = mdp.initial(sa / actions) * pi.probability(sa / actions, sa % actions);
    }
    return nu;
  }

  /** ν uniform over S×A. */
  static double[] uniform(MultiTaskMdp mdp) {
    double[] nu = new double[mdp.states() * mdp.actions()];
    java.util.Arrays.fill(nu, 1.0 / nu.length);
    return nu;
  }
}
