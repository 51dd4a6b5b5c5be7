package org.fednpg.core.fednac;

/**
 * Pearson's chi-square goodness-of-fit test for the sampling tests: the statistic and its upper
 * tail probability Q(df/2, x/2), the regularised upper incomplete gamma function, computed by its
 * power series for x < a + 1 and Lentz's continued fraction otherwise (Numerical Recipes, 3rd ed.,
 * §6.2). A copy of fednpg-envs' test class of the same name (test classes are not shared across
 * modules), where ChiSquareTest checks it against the closed form for even degrees of freedom;
 * FedNacPaperSamplerTest repeats one such check here.
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

  /** P(X > x) for X ~ chi-square with {@code df} degrees of freedom. */
  static double survival(double x, int df) {
    double a = df / 2.0;
    double z = x / 2.0;
    if (z <= 0) {
      return 1.0;
    }
    double logPrefactor = -z + a * Math.log(z) - logGamma(a);
    if (z < a + 1) {
      double term = 1.0 / a;
      double sum = term;
      for (int n = 1; n < 10_000; n++) {
        term *= z / (a + n);
        sum += term;
        if (Math.abs(term) < Math.abs(sum) * 1e-16) {
          break;
        }
      }
      return 1.0 - sum * Math.exp(logPrefactor);
    }
    double tiny = 1e-300;
    double b = z + 1 - a;
    double c = 1 / tiny;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < 10_000; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < tiny) {
        d = tiny;
      }
      c = b + an / c;
      if (Math.abs(c) < tiny) {
        c = tiny;
      }
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < 1e-16) {
        break;
      }
    }
    return Math.exp(logPrefactor) * h;
  }

  /** log Γ(a) for a = k/2 (exact recurrences from Γ(1) = 1 and Γ(1/2) = √π). */
  static double logGamma(double a) {
    double twice = 2 * a;
    if (twice != Math.rint(twice) || a <= 0) {
      throw new IllegalArgumentException("half-integer a expected, got " + a);
    }
    double log = (Math.rint(twice) % 2 == 0) ? 0 : 0.5 * Math.log(Math.PI);
    for (double t = (Math.rint(twice) % 2 == 0) ? 1 : 0.5; t < a; t += 1) {
      log += Math.log(t);
    }
    return log;
  }
}
