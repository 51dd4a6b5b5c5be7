package org.fednpg.evaluators;

/**
 * The numbers one thread keeps for one strongly connected block of I − γP_π, and the block solve.
 * The block's rows are {@code from .. from + size} of the solver's internal numbering; in each row
 * the entries {@code split[i] .. rowPtr[i+1]} of the P_π pattern are the in-block ones (the others
 * point into blocks solved earlier). Implementations: {@link DenseBlockFactor} (dense LU, small
 * blocks) and {@link SparseBlockFactor} (Krylov with a sparse LU fallback, large blocks). Not
 * thread-safe: one instance per thread and block.
 */
interface BlockFactor {

  /** Refreshes the numbers for the current P_π entries {@code pv} and discount γ. */
  void refresh(double[] pv, double gamma);

  /**
   * Solves the block system for the local right-hand side {@code y} (length size). On entry {@code
   * x[from .. from + size)} holds the starting guess (used by iterative factors only), on exit the
   * solution. An iterative factor aims at a residual max-norm of at most {@code limit}; the caller
   * checks the true residual and calls {@link #solveDirect} if it is not good enough.
   *
   * @return the passes over the block's matrix spent (sweeps and Krylov products), 0 for a direct
   *     solve
   */
  int solve(double[] pv, double gamma, double[] y, double[] x, double limit, KrylovScratch scratch);

  /**
   * {@link #solve} for two right-hand sides on the same block: {@code scratchA.products} and {@code
   * scratchB.products} receive each side's products. Each side's numbers equal those of {@link
   * #solve} alone with the same arguments; an iterative factor may share its passes over the matrix
   * between the two. This default solves one after the other.
   */
  default void solvePair(
      double[] pv,
      double gamma,
      double[] ya,
      double[] xa,
      double limitA,
      KrylovScratch scratchA,
      double[] yb,
      double[] xb,
      double limitB,
      KrylovScratch scratchB) {
    int a = solve(pv, gamma, ya, xa, limitA, scratchA);
    int b = solve(pv, gamma, yb, xb, limitB, scratchB);
    scratchA.products = a;
    scratchB.products = b;
    scratchA.shared = 0;
    scratchB.shared = 0;
  }

  /** Solves the block system by a direct factorisation, ignoring {@code x}'s content. */
  void solveDirect(double[] pv, double gamma, double[] y, double[] x);
}
