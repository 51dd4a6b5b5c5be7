package org.fednpg.core.theory;

/**
 * The step sizes of Theorem 3.3 / D.7 for vanilla FedNPG (τ = 0, PAPER.md §2). σ = 0 (complete
 * averaging): the consensus terms vanish, the condition η ≤ η₁ is void and the σ² term that Theorem
 * 3.3's η balances against log|A|/(ηT) is zero, so both formulas give +∞ ("no finite bound"). σ ≥ 1
 * or γ outside (0, 1): the theorem does not apply and both give NaN.
 */
public final class Theorem33 {

  private Theorem33() {}

  /** η₁ = (1−σ)²(1−γ)³ / (8(1+γ)γ√N σ²). */
  public static double eta1(double sigma, double gamma, int agents) {
    if (!applies(sigma, gamma)) {
      return Double.NaN;
    }
    if (sigma == 0) {
      return Double.POSITIVE_INFINITY;
    }
    return (1 - sigma)
        * (1 - sigma)
        * Math.pow(1 - gamma, 3)
        / (8 * (1 + gamma) * gamma * Math.sqrt(agents) * sigma * sigma);
  }

  /** η = ((1−γ)^9 (1−σ)² log|A| / (32 T N σ²))^{1/3} for T iterations. */
  public static double step(double sigma, double gamma, int agents, int actions, long iterations) {
    if (!applies(sigma, gamma) || iterations < 1) {
      return Double.NaN;
    }
    if (sigma == 0) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.cbrt(
        Math.pow(1 - gamma, 9)
            * (1 - sigma)
            * (1 - sigma)
            * Math.log(actions)
            / (32.0 * iterations * agents * sigma * sigma));
  }

  /** Theorem 3.3's consensus bound 32Nση / (3(1−γ)^4 (1−σ)), valid for η ≤ η₁. */
  public static double consensusBound(double sigma, double gamma, int agents, double eta) {
    if (!applies(sigma, gamma)) {
      return Double.NaN;
    }
    return 32 * agents * sigma * eta / (3 * Math.pow(1 - gamma, 4) * (1 - sigma));
  }

  private static boolean applies(double sigma, double gamma) {
    return sigma >= 0 && sigma < 1 && gamma > 0 && gamma < 1;
  }
}
