package org.fednpg.core.oracle;

import org.fednpg.api.FedNpgException;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.LogSumExp;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * (Soft) value iteration (SPEC §5): Q(s,a) = r(s,a) + γ Σ_s' P(s'|s,a) V(s'), with the backup V(s)
 * = max_a Q(s,a) for τ = 0 and V(s) = τ log Σ_a exp(Q(s,a)/τ) for τ > 0, iterated until ‖ΔV‖_∞ &lt;
 * {@link #STOP}. Both backups are γ-contractions, so the remaining error in V is at most
 * γ/(1−γ)·STOP.
 */
public final class ValueIteration {

  /** Stopping threshold on ‖V_{k+1} − V_k‖_∞ (SPEC §5). */
  public static final double STOP = 1e-12;

  private static final Logger LOG = LoggerFactory.getLogger(ValueIteration.class);

  private ValueIteration() {}

  /** Solves the averaged-reward problem r̄ of {@code mdp} at regularisation τ. */
  public static OptimalSolution solve(MultiTaskMdp mdp, double tau) {
    return solve(mdp, mdp.averagedReward(), tau);
  }

  /** Solves the single-reward problem (kernel, γ, ρ of {@code mdp}, reward {@code reward}). */
  public static OptimalSolution solve(MultiTaskMdp mdp, RewardTable reward, double tau) {
    if (!(tau >= 0) || Double.isInfinite(tau)) {
      throw new IllegalArgumentException("tau must be finite and >= 0, got " + tau);
    }
    TransitionKernel p = mdp.kernel();
    int nS = mdp.states();
    int nA = mdp.actions();
    double gamma = mdp.gamma();
    double[] v = new double[nS];
    double[] vNext = new double[nS];
    double[] q = new double[nS * nA];
    double scale =
        Math.max(1.0, Math.max(Math.abs(reward.min()), Math.abs(reward.max())))
            / Math.max(1e-300, 1 - gamma);
    // Enough sweeps for a γ-contraction to shrink the initial error below STOP, with margin.
    long bound =
        (long)
                Math.ceil(
                    Math.log(STOP / (scale * (1 + tau * Math.log(nA) + 1)))
                        / Math.log(Math.max(gamma, 1e-300)))
            + 1000;
    int maxSweeps = (int) Math.min(Integer.MAX_VALUE, Math.max(1000, bound) * 2);
    int sweep = 0;
    double delta = Double.POSITIVE_INFINITY;
    while (delta >= STOP) {
      if (sweep++ > maxSweeps) {
        throw new FedNpgException(
            "value iteration did not reach ‖ΔV‖ < "
                + STOP
                + " in "
                + maxSweeps
                + " sweeps (last ‖ΔV‖ = "
                + delta
                + ")");
      }
      backupQ(p, reward, gamma, v, q);
      delta = 0;
      for (int s = 0; s < nS; s++) {
        vNext[s] = backupV(q, s * nA, nA, tau);
        delta = Math.max(delta, Math.abs(vNext[s] - v[s]));
      }
      double[] t = v;
      v = vNext;
      vNext = t;
    }
    backupQ(p, reward, gamma, v, q);
    double init = 0;
    for (int s = 0; s < nS; s++) {
      init += mdp.initial(s) * v[s];
    }
    LOG.debug("value iteration: {} sweeps, tau {}, V*(rho) = {}", sweep, tau, init);
    return new OptimalSolution(v, q, optimalPolicy(q, nS, nA, tau), init, sweep);
  }

  private static void backupQ(
      TransitionKernel p, RewardTable r, double gamma, double[] v, double[] q) {
    int nA = p.actions();
    for (int s = 0; s < p.states(); s++) {
      for (int a = 0; a < nA; a++) {
        double ev = 0;
        int end = p.rowEnd(s, a);
        for (int k = p.rowStart(s, a); k < end; k++) {
          ev += p.probability(k) * v[p.next(k)];
        }
        q[s * nA + a] = r.get(s, a) + gamma * ev;
      }
    }
  }

  private static double backupV(double[] q, int from, int nA, double tau) {
    if (tau == 0) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = from; i < from + nA; i++) {
        max = Math.max(max, q[i]);
      }
      return max;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int i = from; i < from + nA; i++) {
      max = Math.max(max, q[i]);
    }
    double sum = 0;
    for (int i = from; i < from + nA; i++) {
      sum += Math.exp((q[i] - max) / tau);
    }
    return max + tau * Math.log(sum);
  }

  private static LogPolicy optimalPolicy(double[] q, int nS, int nA, double tau) {
    double[] logits = new double[nS * nA];
    for (int s = 0; s < nS; s++) {
      int from = s * nA;
      if (tau > 0) {
        for (int a = 0; a < nA; a++) {
          logits[from + a] = q[from + a] / tau;
        }
      } else {
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < nA; a++) {
          max = Math.max(max, q[from + a]);
        }
        double tieTol = 1e-9 * Math.max(1, Math.abs(max));
        for (int a = 0; a < nA; a++) {
          logits[from + a] = q[from + a] >= max - tieTol ? 0 : Double.NEGATIVE_INFINITY;
        }
      }
    }
    LogSumExp.normalizeRows(logits, nA);
    return LogPolicy.fromLogits(nS, nA, logits);
  }
}
