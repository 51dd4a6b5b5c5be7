package org.fednpg.core.fednac;

import org.hipparchus.special.Gamma;

/**
 * Pearson's chi-square goodness-of-fit test for the sampling tests: the statistic and its upper
 * tail probability from Hipparchus (org.hipparchus.special.Gamma). A copy of fednpg-envs' test
 * class of the same name (test classes are not shared across modules), where ChiSquareTest checks
 * it against the closed form for even degrees of freedom.
 */
final class ChiSquare {

  private ChiSquare() {}

  /** Σ (observed − n·p)² / (n·p) over cells with p > 0. */
  static double statistic(long[] observed, double[] probabilities) {
    long n = 0;
    for (long o : observed) {
      n += o;
    }
    double chi2 = 0;
    for (int i = 0; i < observed.length; i++) {
      double e = n * probabilities[i];
      chi2 += (observed[i] - e) * (observed[i] - e) / e;
    }
    return chi2;
  }

  /**
   * P(X > x) for X ~ chi-square with {@code df} degrees of freedom: Q(df/2, x/2), Hipparchus'
   * regularized upper incomplete gamma function (accurate in the far tail, unlike 1 − CDF).
   */
  static double survival(double x, int df) {
    return x <= 0 ? 1.0 : Gamma.regularizedGammaQ(df / 2.0, x / 2.0);
  }
}
