package org.fednpg.envs;

import java.util.random.RandomGenerator;
import org.fednpg.api.model.GenerativeModel;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.TransitionKernel;

/**
 * A generative model with O(1) draws: one alias table (Walker 1977, built with Vose's 1991 stable
 * method) per (s, a) row of the kernel, and one for ρ. Each draw uses one uniform integer to pick a
 * column and one uniform double to choose between the column's own entry and its alias. The tables
 * cost one double and one int per stored transition.
 */
public final class AliasGenerativeModel implements GenerativeModel {

  private final TransitionKernel kernel;
  private final double[] keep;
  private final int[] alias;
  private final double[] initialKeep;
  private final int[] initialAlias;

  public AliasGenerativeModel(MultiTaskMdp mdp) {
    this.kernel = mdp.kernel();
    double[] p = kernel.probabilitiesCopy();
    this.keep = new double[p.length];
    this.alias = new int[p.length];
    int[] work = new int[maxRowLength(kernel)];
    for (int s = 0; s < kernel.states(); s++) {
      for (int a = 0; a < kernel.actions(); a++) {
        int lo = kernel.rowStart(s, a);
        build(p, lo, kernel.rowEnd(s, a) - lo, keep, alias, work);
      }
    }
    double[] rho = mdp.initialCopy();
    this.initialKeep = new double[rho.length];
    this.initialAlias = new int[rho.length];
    build(rho, 0, rho.length, initialKeep, initialAlias, new int[rho.length]);
  }

  private static int maxRowLength(TransitionKernel k) {
    int max = 1;
    for (int s = 0; s < k.states(); s++) {
      for (int a = 0; a < k.actions(); a++) {
        max = Math.max(max, k.rowEnd(s, a) - k.rowStart(s, a));
      }
    }
    return max;
  }

  /**
   * Vose's method on {@code p[lo..lo+n)}; aliases are absolute indices into {@code p}. Columns left
   * over by rounding keep themselves with probability 1.
   */
  private static void build(double[] p, int lo, int n, double[] keep, int[] alias, int[] work) {
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += p[lo + i];
    }
    int small = 0;
    int large = n;
    for (int i = 0; i < n; i++) {
      keep[lo + i] = p[lo + i] * n / sum;
      alias[lo + i] = lo + i;
    }
    // work[0, small) holds small columns; work[large, n) holds large ones.
    for (int i = 0; i < n; i++) {
      if (keep[lo + i] < 1.0) {
        work[small++] = lo + i;
      } else {
        work[--large] = lo + i;
      }
    }
    while (small > 0 && large < n) {
      int l = work[--small];
      int g = work[large];
      alias[l] = g;
      keep[g] = (keep[g] + keep[l]) - 1.0;
      if (keep[g] < 1.0) {
        large++;
        work[small++] = g;
      }
    }
    while (large < n) {
      keep[work[large++]] = 1.0;
    }
    while (small > 0) {
      keep[work[--small]] = 1.0;
    }
  }

  @Override
  public int states() {
    return kernel.states();
  }

  @Override
  public int actions() {
    return kernel.actions();
  }

  @Override
  public int nextState(int s, int a, RandomGenerator random) {
    int lo = kernel.rowStart(s, a);
    int n = kernel.rowEnd(s, a) - lo;
    if (n == 1) {
      return kernel.next(lo);
    }
    int k = lo + random.nextInt(n);
    return kernel.next(random.nextDouble() < keep[k] ? k : alias[k]);
  }

  @Override
  public int initialState(RandomGenerator random) {
    int k = random.nextInt(initialKeep.length);
    return random.nextDouble() < initialKeep[k] ? k : initialAlias[k];
  }
}
