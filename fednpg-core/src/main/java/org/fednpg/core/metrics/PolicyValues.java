package org.fednpg.core.metrics;

import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;

/** Small pure functions on policy tables shared by the metrics and the algorithms' tests. */
public final class PolicyValues {

  private PolicyValues() {}

  /** V_τ^π(s) = Σ_a π(a|s) (Q(s,a) − τ log π(a|s)), from a Q table. */
  public static double[] stateValues(LogPolicy policy, double[] q, double tau) {
    int nS = policy.states();
    int nA = policy.actions();
    double[] v = new double[nS];
    for (int s = 0; s < nS; s++) {
      double sum = 0;
      for (int a = 0; a < nA; a++) {
        double lp = policy.logProbability(s, a);
        double p = policy.probability(s * nA + a);
        if (p > 0) {
          sum += p * (q[s * nA + a] - tau * lp);
        }
      }
      v[s] = sum;
    }
    return v;
  }

  /** Σ_s ρ(s) V(s). */
  public static double initialValue(MultiTaskMdp mdp, double[] v) {
    double sum = 0;
    for (int s = 0; s < v.length; s++) {
      sum += mdp.initial(s) * v[s];
    }
    return sum;
  }

  /** The averaged policy π̄(·|s) ∝ exp((1/N) Σ_n log π_n(·|s)), the normalised geometric mean. */
  public static LogPolicy geometricMean(java.util.List<LogPolicy> policies) {
    LogPolicy first = policies.get(0);
    double[] sum = new double[first.states() * first.actions()];
    for (LogPolicy p : policies) {
      for (int i = 0; i < sum.length; i++) {
        sum[i] += p.logProbability(i);
      }
    }
    for (int i = 0; i < sum.length; i++) {
      sum[i] /= policies.size();
    }
    return LogPolicy.fromLogits(first.states(), first.actions(), sum);
  }

  /** max_{s,a} |log π(a|s) − log π'(a|s)|. */
  public static double maxLogDistance(LogPolicy a, LogPolicy b) {
    double d = 0;
    int size = a.states() * a.actions();
    for (int i = 0; i < size; i++) {
      d = Math.max(d, Math.abs(a.logProbability(i) - b.logProbability(i)));
    }
    return d;
  }
}
