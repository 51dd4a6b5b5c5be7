package org.fednpg.api.model;

import java.util.random.RandomGenerator;

/**
 * The generative model of a {@link MultiTaskMdp}: cumulative probability arrays per (s, a) row,
 * searched by bisection, so a draw costs O(log b) for b next states (b is small in every built-in
 * environment) and the tables cost one double per stored transition.
 */
public final class KernelSampler implements GenerativeModel {

  private final TransitionKernel kernel;
  private final double[] cumulative;
  private final double[] initialCumulative;

  public KernelSampler(MultiTaskMdp mdp) {
    this.kernel = mdp.kernel();
    this.cumulative = new double[kernel.nonZeros()];
    for (int s = 0; s < kernel.states(); s++) {
      for (int a = 0; a < kernel.actions(); a++) {
        double c = 0;
        int end = kernel.rowEnd(s, a);
        for (int k = kernel.rowStart(s, a); k < end; k++) {
          c += kernel.probability(k);
          cumulative[k] = c;
        }
        cumulative[end - 1] = Double.POSITIVE_INFINITY;
      }
    }
    this.initialCumulative = new double[mdp.states()];
    double c = 0;
    int last = 0;
    for (int s = 0; s < mdp.states(); s++) {
      c += mdp.initial(s);
      initialCumulative[s] = c;
      if (mdp.initial(s) > 0) {
        last = s;
      }
    }
    for (int s = last; s < initialCumulative.length; s++) {
      initialCumulative[s] = Double.POSITIVE_INFINITY;
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
    int hi = kernel.rowEnd(s, a) - 1;
    double u = random.nextDouble();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (u < cumulative[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return kernel.next(lo);
  }

  @Override
  public int initialState(RandomGenerator random) {
    double u = random.nextDouble();
    int lo = 0;
    int hi = initialCumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (u < initialCumulative[mid]) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
