package org.fednpg.envs;

import java.nio.file.Path;
import java.util.Map;
import org.fednpg.api.Environment;
import org.fednpg.api.EnvironmentContext;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.Parameters;
import org.fednpg.api.RandomSource;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;

/** Independent solvers and small helpers for this module's tests. */
public final class TestSupport {

  private TestSupport() {}

  /** Validates {@code raw} against the provider's specs like the registry does. */
  public static Parameters parameters(EnvironmentProvider provider, Map<String, ?> raw, Path base) {
    return Parameters.resolve(
        "environment '" + provider.name() + "'", provider.parameters(), raw, base);
  }

  /** Builds an environment with the given raw parameters and master seed. */
  public static Environment create(EnvironmentProvider provider, Map<String, ?> raw, long seed) {
    return provider.create(
        parameters(provider, raw, Path.of(".")),
        new EnvironmentContext(RandomSource.of(seed).child("environment")));
  }

  /**
   * Discounted value iteration V ← max_a [r + γ P V] from V = 0 until ‖ΔV‖_∞ < 1e-13 (written here,
   * independent of the core oracle).
   */
  public static double[] valueIteration(MultiTaskMdp mdp, RewardTable r) {
    TransitionKernel k = mdp.kernel();
    double[] v = new double[mdp.states()];
    double[] next = new double[mdp.states()];
    for (int iter = 0; iter < 1_000_000; iter++) {
      double delta = 0;
      for (int s = 0; s < mdp.states(); s++) {
        double best = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < mdp.actions(); a++) {
          double q = r.get(s, a);
          for (int e = k.rowStart(s, a); e < k.rowEnd(s, a); e++) {
            q += mdp.gamma() * k.probability(e) * v[k.next(e)];
          }
          best = Math.max(best, q);
        }
        next[s] = best;
        delta = Math.max(delta, Math.abs(best - v[s]));
      }
      double[] t = v;
      v = next;
      next = t;
      if (delta < 1e-13) {
        return v;
      }
    }
    throw new AssertionError("value iteration did not converge");
  }

  /** The greedy action of each state for V (ties to the lower action). */
  public static int[] greedy(MultiTaskMdp mdp, RewardTable r, double[] v) {
    TransitionKernel k = mdp.kernel();
    int[] pi = new int[mdp.states()];
    for (int s = 0; s < mdp.states(); s++) {
      double best = Double.NEGATIVE_INFINITY;
      for (int a = 0; a < mdp.actions(); a++) {
        double q = r.get(s, a);
        for (int e = k.rowStart(s, a); e < k.rowEnd(s, a); e++) {
          q += mdp.gamma() * k.probability(e) * v[k.next(e)];
        }
        if (q > best + 1e-12) {
          best = q;
          pi[s] = a;
        }
      }
    }
    return pi;
  }

  /** Σ_s ρ(s) V(s). */
  public static double atInitial(MultiTaskMdp mdp, double[] v) {
    double sum = 0;
    for (int s = 0; s < mdp.states(); s++) {
      sum += mdp.initial(s) * v[s];
    }
    return sum;
  }
}
