package org.fednpg.topologies;

import org.fednpg.api.InvalidInputException;
import org.fednpg.api.model.MixingMatrix;

/**
 * Validation of every mixing matrix this module builds or loads (SPEC §2): square of the graph's
 * size, entries ≥ 0, support within the graph's edges plus the diagonal, rows summing to 1, columns
 * summing to 1 unless {@link Stochasticity#ROW} is asked for, and — for a matrix used as the run's
 * W — a connected support and consensus: σ = ‖W − 11ᵀ/N‖₂ &lt; 1 for a doubly stochastic W, the
 * second-largest eigenvalue modulus &lt; 1 for a row-stochastic one (σ may then exceed 1 although
 * W^t still converges to a rank-one matrix). Symmetry is not required (the paper's own ring, Eq.
 * (312), is not symmetric); it is reported. Errors are {@link InvalidInputException}s that name
 * where the matrix came from, the failing row/column (0-based agent indices) and the value.
 */
public final class MixingValidator {

  /**
   * Tolerance on |row/column sum − 1| (and on |W_nm − W_mn| when symmetry is reported), per agent:
   * the check uses {@code SUM_TOLERANCE_PER_AGENT * N}. Sums of N doubles in [0, 1] carry rounding
   * error of a few N·2^-53 ≈ N·1e-16; 1e-12·N leaves room for matrices written with 15–17
   * significant digits while refusing anything visibly not stochastic.
   */
  public static final double SUM_TOLERANCE_PER_AGENT = 1e-12;

  /**
   * σ ≥ 1 − SIGMA_MARGIN is treated as σ = 1 (no consensus): an eigenvalue within 1e-10 of ±1 is
   * beyond what the eigen-solver (accurate to ~N·1e-16) can tell apart from ±1 with confidence.
   */
  public static final double SIGMA_MARGIN = 1e-10;

  private MixingValidator() {}

  /**
   * Full doubly stochastic validation: {@link #validate(MixingMatrix, CommunicationGraph, String,
   * Stochasticity)} with {@link Stochasticity#DOUBLY}.
   */
  public static double validate(MixingMatrix w, CommunicationGraph graph, String where) {
    return validate(w, graph, where, Stochasticity.DOUBLY);
  }

  /**
   * Full validation of a run's W on {@code graph}: {@link #validateStochastic} plus connected
   * support and consensus (σ &lt; 1 when doubly stochastic is required; the second-largest
   * eigenvalue modulus &lt; 1 for {@link Stochasticity#ROW}).
   *
   * @param where how errors name the matrix, e.g. {@code "topology 'ring'"} or a file name
   * @return σ = ‖W − 11ᵀ/N‖₂
   */
  public static double validate(
      MixingMatrix w, CommunicationGraph graph, String where, Stochasticity stochastic) {
    validateStochastic(w, graph, where, stochastic);
    CommunicationGraph support = CommunicationGraph.supportOf(w);
    if (!support.isConnected()) {
      int[] label = support.componentLabels();
      int other = 0;
      while (label[other] == 0) {
        other++;
      }
      throw new InvalidInputException(
          where
              + ": the mixing matrix's graph is disconnected ("
              + support.componentCount()
              + " components; e.g. agents 0 and "
              + other
              + " never exchange); σ = 1, no consensus");
    }
    double sigma = Spectral.sigma(w);
    if (stochastic == Stochasticity.ROW) {
      double lambda = Spectral.secondEigenvalueModulus(w);
      if (lambda >= 1 - SIGMA_MARGIN) {
        throw new InvalidInputException(
            where
                + ": the row-stochastic mixing matrix has a second eigenvalue of modulus "
                + lambda
                + " (not < 1): W^t does not converge to consensus (periodic support?)");
      }
      return sigma;
    }
    if (sigma >= 1 - SIGMA_MARGIN) {
      throw new InvalidInputException(
          where
              + ": σ = ‖W − 11ᵀ/N‖₂ = "
              + sigma
              + " is not < 1 (e.g. an eigenvalue −1: W_nn = 0 "
              + "on a bipartite support, or a permutation-like W); agents would not reach "
              + "consensus");
    }
    return sigma;
  }

  /** Full validation against the matrix's own support (for matrices loaded without a graph). */
  public static double validate(MixingMatrix w, String where) {
    return validate(w, CommunicationGraph.supportOf(w), where);
  }

  /**
   * Whether every column of W sums to 1 within {@link #SUM_TOLERANCE_PER_AGENT}·N (rows are checked
   * by validation).
   */
  public static boolean isDoublyStochastic(MixingMatrix w) {
    double tol = SUM_TOLERANCE_PER_AGENT * w.size();
    for (int j = 0; j < w.size(); j++) {
      double col = 0;
      for (int i = 0; i < w.size(); i++) {
        col += w.weight(i, j);
      }
      if (Math.abs(col - 1) > tol) {
        return false;
      }
    }
    return true;
  }

  /** Whether W is symmetric within {@link #SUM_TOLERANCE_PER_AGENT}·N. */
  public static boolean isSymmetric(MixingMatrix w) {
    return Spectral.isSymmetric(w, SUM_TOLERANCE_PER_AGENT * w.size());
  }

  /**
   * {@link #validateStochastic(MixingMatrix, CommunicationGraph, String, Stochasticity)} with
   * {@link Stochasticity#DOUBLY}.
   */
  public static void validateStochastic(MixingMatrix w, CommunicationGraph graph, String where) {
    validateStochastic(w, graph, where, Stochasticity.DOUBLY);
  }

  /**
   * Non-negative, supported on {@code graph} plus the diagonal, rows summing to 1 and, unless
   * {@code stochastic} is {@link Stochasticity#ROW}, columns summing to 1; the checks every
   * per-round W^(t) must pass (it may be disconnected).
   */
  public static void validateStochastic(
      MixingMatrix w, CommunicationGraph graph, String where, Stochasticity stochastic) {
    int n = w.size();
    if (graph.size() != n) {
      throw new InvalidInputException(
          where
              + ": mixing matrix is "
              + n
              + "x"
              + n
              + " but there are "
              + graph.size()
              + " agents");
    }
    double tol = SUM_TOLERANCE_PER_AGENT * n;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double x = w.weight(i, j);
        if (x < 0) {
          throw new InvalidInputException(
              where + ": entry (row " + i + ", column " + j + ") = " + x + " is negative");
        }
        if (x != 0 && i != j && !graph.hasEdge(i, j)) {
          throw new InvalidInputException(
              where
                  + ": entry (row "
                  + i
                  + ", column "
                  + j
                  + ") = "
                  + x
                  + " is non-zero but agents "
                  + i
                  + " and "
                  + j
                  + " are not linked");
        }
      }
    }
    for (int i = 0; i < n; i++) {
      double row = 0;
      double col = 0;
      for (int j = 0; j < n; j++) {
        row += w.weight(i, j);
        col += w.weight(j, i);
      }
      if (Math.abs(row - 1) > tol) {
        throw new InvalidInputException(
            where + ": row " + i + " sums to " + row + ", expected 1 (tolerance " + tol + ")");
      }
      if (stochastic == Stochasticity.DOUBLY && Math.abs(col - 1) > tol) {
        throw new InvalidInputException(
            where
                + ": column "
                + i
                + " sums to "
                + col
                + ", expected 1 (tolerance "
                + tol
                + "); set stochastic: row to accept a row-stochastic W (the tracking average is "
                + "then not preserved)");
      }
    }
  }
}
