package org.fednpg.core.theory;

import java.util.TreeSet;

/**
 * The linear system of Lemma D.2 (entropy-regularised FedNPG, PAPER.md §2): Ω^(t+1) ≤ A(η)Ω^(t)
 * entrywise, with ρ(η) = ‖A(η)‖₂, α = 1 − ητ/(1−γ), M = γ(1 + γ + 2τ(1−γ) log|A|)/(1−γ)² and S =
 * M√N(2α + (1−α)√(2N) + (1−α)√N M/τ):
 *
 * <pre>
 * A(η) = [ σα               ησ/(1−γ)              0                 0
 *          Sσ               (1 + ηM√Nσ/(1−γ))σ    (2+γ)ηMNσ/(1−γ)   γηMNσ/(1−γ)
 *          (1−α)M           0                     (1−α)γ + α        (1−α)γ
 *          (2γ+ητ)M/(1−γ)   0                     0                 α            ]
 * </pre>
 *
 * <p>η ranges over the algorithm's domain (0, (1−γ)/τ] (α ∈ [0, 1), SPEC §3). The certified steps
 * {η : ‖A(η)‖₂ &lt; 1} are found numerically ({@link #certified()}); Lemma D.3's closed form needs
 * constants the paper does not define. Note that the (4,1) entry does not vanish as η → 0, so
 * ‖A(η)‖₂ ≥ 2γM/(1−γ) for every η and the certified set, when not empty, is an interval bounded
 * away from 0 — not the (0, η₀] the theorem's wording suggests.
 *
 * @param sigma σ = ‖W − 11ᵀ/N‖₂ ≥ 0
 * @param tau τ &gt; 0
 * @param gamma γ ∈ (0, 1)
 * @param agents N ≥ 1
 * @param actions |A| ≥ 1
 */
public record LemmaD2(double sigma, double tau, double gamma, int agents, int actions) {

  /** Linear grid points over (0, η_max] of the η₀ search (our choice). */
  static final int LINEAR_POINTS = 4000;

  /** Geometric grid points η_max·10^(−j/200), j = 1..1600, down to 1e-8·η_max (our choice). */
  static final int GEOMETRIC_POINTS = 1600;

  public LemmaD2 {
    if (!(sigma >= 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("sigma must be finite and >= 0, got " + sigma);
    }
    if (!(tau > 0) || Double.isInfinite(tau)) {
      throw new IllegalArgumentException("tau must be finite and > 0, got " + tau);
    }
    if (!(gamma > 0 && gamma < 1)) {
      throw new IllegalArgumentException("gamma must be in (0, 1), got " + gamma);
    }
    if (agents < 1 || actions < 1) {
      throw new IllegalArgumentException(
          "agents and actions must be >= 1, got " + agents + " and " + actions);
    }
  }

  /** The certified steps: ‖A(η)‖₂ &lt; 1 exactly for η in [low, high] (the component found). */
  public record Interval(double low, double high) {}

  /** α = 1 − ητ/(1−γ). */
  public double alpha(double eta) {
    return 1 - eta * tau / (1 - gamma);
  }

  /** M = γ(1 + γ + 2τ(1−γ) log|A|)/(1−γ)². */
  public double m() {
    return gamma
        * (1 + gamma + 2 * tau * (1 - gamma) * Math.log(actions))
        / ((1 - gamma) * (1 - gamma));
  }

  /** S = M√N(2α + (1−α)√(2N) + (1−α)√N M/τ). */
  public double s(double eta) {
    double a = alpha(eta);
    double m = m();
    double sqrtN = Math.sqrt(agents);
    return m * sqrtN * (2 * a + (1 - a) * Math.sqrt(2.0 * agents) + (1 - a) * sqrtN * m / tau);
  }

  /** The largest step of the algorithm's domain, (1−γ)/τ (α = 0). */
  public double etaMax() {
    return (1 - gamma) / tau;
  }

  /** A(η), rows as in the class comment. */
  public double[][] matrix(double eta) {
    double a = alpha(eta);
    double m = m();
    double s = s(eta);
    double g = gamma;
    double n = agents;
    double sq = Math.sqrt(n);
    return new double[][] {
      {sigma * a, eta * sigma / (1 - g), 0, 0},
      {
        s * sigma,
        (1 + eta * m * sq * sigma / (1 - g)) * sigma,
        (2 + g) * eta * m * n * sigma / (1 - g),
        g * eta * m * n * sigma / (1 - g)
      },
      {(1 - a) * m, 0, (1 - a) * g + a, (1 - a) * g},
      {(2 * g + eta * tau) * m / (1 - g), 0, 0, a}
    };
  }

  /** ρ(η) = ‖A(η)‖₂. */
  public double rho(double eta) {
    return SpectralNorm.of(matrix(eta));
  }

  /** Theorem 3.6's informal rate bound max{1 − τη/2, (3+σ)/4}. */
  public double rateBound(double eta) {
    return rateBound(sigma, eta, tau);
  }

  /** max{1 − τη/2, (3+σ)/4}. */
  public static double rateBound(double sigma, double eta, double tau) {
    return Math.max(1 - tau * eta / 2, (3 + sigma) / 4);
  }

  /**
   * The largest η in (0, (1−γ)/τ] with ‖A(η)‖₂ &lt; 1, with the low end of its interval, or null
   * when no grid point certifies. Search (our choice): ‖A(η)‖₂ on {@value #LINEAR_POINTS} linearly
   * and {@value #GEOMETRIC_POINTS} geometrically spaced points of (0, η_max]; the largest certified
   * grid point is refined by bisection against its uncertified right neighbour to the last bit
   * (high = the last certified midpoint, so ‖A(high)‖₂ &lt; 1 ≤ ‖A(high + ulp-scale)‖₂), and the
   * low end of the same run of certified grid points likewise (η = 0 counting as a grid point). A
   * certified interval narrower than the grid spacing could be missed; components below the one
   * found are not reported.
   */
  public Interval certified() {
    double max = etaMax();
    TreeSet<Double> grid = new TreeSet<>();
    for (int k = 1; k <= LINEAR_POINTS; k++) {
      grid.add(k == LINEAR_POINTS ? max : max * k / LINEAR_POINTS);
    }
    for (int j = 1; j <= GEOMETRIC_POINTS; j++) {
      grid.add(max * Math.pow(10, -j / 200.0));
    }
    double[] eta = new double[grid.size() + 1];
    int i = 1;
    for (double e : grid) {
      eta[i++] = e;
    }
    eta[0] = 0;
    boolean[] ok = new boolean[eta.length];
    int top = -1;
    for (int k = 0; k < eta.length; k++) {
      ok[k] = rho(eta[k]) < 1;
      if (ok[k]) {
        top = k;
      }
    }
    if (top < 0) {
      return null;
    }
    double high = top == eta.length - 1 ? max : boundary(eta[top], eta[top + 1]);
    int bottom = top;
    while (bottom > 0 && ok[bottom - 1]) {
      bottom--;
    }
    double low = bottom == 0 ? 0 : boundary(eta[bottom], eta[bottom - 1]);
    return new Interval(low, high);
  }

  /** Bisection between a certified and an uncertified η; returns the certified end. */
  private double boundary(double good, double bad) {
    for (int k = 0; k < 200; k++) {
      double mid = 0.5 * (good + bad);
      if (mid == good || mid == bad) {
        break;
      }
      if (rho(mid) < 1) {
        good = mid;
      } else {
        bad = mid;
      }
    }
    return good;
  }
}
