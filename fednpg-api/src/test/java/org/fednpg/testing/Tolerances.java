package org.fednpg.testing;

/**
 * Named numerical tolerances shared by every module's tests, each with the reason for its size.
 * Tests refer to these instead of writing literals.
 */
public final class Tolerances {

  private Tolerances() {}

  /**
   * Agreement of two exact computations of the same quantity (solves, closed forms): SPEC §4/§5.
   */
  public static final double EXACT = 1e-10;

  /** Bellman residual ‖(I − γP_π)V − b‖_∞ of an exact solve, scaled by max(1, ‖b‖_∞) (SPEC §4). */
  public static final double RESIDUAL = 1e-10;

  /** Bit-level reproducibility of two runs that should do identical arithmetic in another order. */
  public static final double REORDERED = 1e-12;

  /** Convergence of vanilla FedNPG to V*(ρ) (issue 2). */
  public static final double CONVERGED_VALUE = 1e-6;

  /** Convergence of entropy-regularised FedNPG to Q_τ* (issue 2). */
  public static final double CONVERGED_SOFT_Q = 1e-9;

  /** Three decimals, the precision of published tabular values (forest MDP). */
  public static final double PUBLISHED_3_DECIMALS = 5e-4;

  /** Two decimals, the precision of the optima documented in Gymnasium's registry. */
  public static final double PUBLISHED_2_DECIMALS = 5e-3;

  /**
   * σ of a mixing matrix against its closed form (the issue asks 1e-12): an SVD of an N×N matrix
   * with entries in [0, 1] is accurate to a few N·2^-53 ≈ 1e-14 for N ≤ 50.
   */
  public static final double SIGMA_CLOSED_FORM = 1e-12;
}
