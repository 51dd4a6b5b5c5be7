package org.fednpg.evaluators;

/**
 * One right-hand side's vectors for the Gauss–Seidel sweeps and BiCGSTAB (sized for the largest
 * block; reused by every solve) and the state of each stage between two passes over the matrix, so
 * that {@link SparseBlockFactor} can advance two right-hand sides in lockstep over one pass.
 */
final class KrylovScratch {

  /** Where the recurrence stands: the product it waits for, or done. */
  enum Phase {
    /** Waits for A x (the initial residual). */
    START,
    /** Waits for v = A p̂ and ⟨r̂, v⟩. */
    DIRECTION,
    /** Waits for t = A ŝ. */
    STABILISE,
    /** Converged, out of budget or broken down: x is final. */
    DONE
  }

  final double[] r;
  final double[] rHat;
  final double[] p;
  final double[] v;
  final double[] s;
  final double[] t;
  final double[] x;
  final double[] pHat;
  final double[] sHat;

  Phase phase = Phase.DONE;
  double[] y;
  double target;
  double shift;
  double rho;
  double alpha;
  double omega;
  double rhoNew;
  boolean converged;

  /** Matrix-vector products of the current (or last) solve. */
  int products;

  /** Of {@link #products}, the passes shared with a second right-hand side ({@code solvePair}). */
  int shared;

  /** Whether the Gauss–Seidel stage still runs, and whether it handed over to BiCGSTAB. */
  boolean sweeping;

  boolean handedOver;

  /** Sweeps so far in this solve, and the residual bound after each one. */
  int sweeps;

  final double[] sweepBounds = new double[SparseBlockFactor.MAX_SWEEPS + 1];

  /**
   * Of the last sweep: the max-norm of its change δ, and Σ_j δ_j u_j (u_j: column j's strictly
   * upper mass), γ times which is the sum of its new residual.
   */
  double changeMax;

  double upperSum;

  /** The product's input, output and the vector to dot it with (null: no dot). */
  double[] in;

  double[] out;
  double[] dotWith;

  /** ⟨dotWith, out⟩ of the last product. */
  double dot;

  KrylovScratch(int size) {
    r = new double[size];
    rHat = new double[size];
    p = new double[size];
    v = new double[size];
    s = new double[size];
    t = new double[size];
    x = new double[size];
    pHat = new double[size];
    sHat = new double[size];
  }

  boolean waiting() {
    return phase != Phase.DONE;
  }

  void request(double[] input, double[] output, double[] with) {
    in = input;
    out = output;
    dotWith = with;
  }
}
