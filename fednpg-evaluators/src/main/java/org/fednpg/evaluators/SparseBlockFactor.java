package org.fednpg.evaluators;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.DMatrixSparseCSC;
import org.ejml.data.DMatrixSparseTriplet;
import org.ejml.interfaces.linsol.LinearSolverSparse;
import org.ejml.ops.DConvertMatrixStruct;
import org.ejml.sparse.FillReducing;
import org.ejml.sparse.csc.factory.LinearSolverFactory_DSCC;
import org.fednpg.api.FedNpgException;

/**
 * A large block of I − γP_π, solved in three stages read straight from the P_π entries (no copy, no
 * factorisation), warm-started from the caller's guess: forward Gauss–Seidel sweeps, each followed
 * by a coarse correction on the constant vector (a two-level method whose coarse space is span{1}),
 * until a bound on the true residual meets the limit; BiCGSTAB (deflated, unpreconditioned
 * otherwise) from where the sweeps stopped if they stall; EJML's sparse LU as the direct fallback
 * when BiCGSTAB stalls or breaks down too.
 *
 * <p>Why sweeps (measured, README "Performance", round 5): I − γP_π is an M-matrix, diagonally
 * dominant by 1 − γ, so Gauss–Seidel always converges, but alone its constant mode contracts only
 * like γ; with the coarse correction a sweep shrinks the residual about fourfold on Garnet blocks,
 * 14.4 passes per solve against BiCGSTAB's 21.4 products, and a sweep costs what a product does
 * (one pass, one vector, in place). The residual bound comes free with the sweep (no dot products,
 * no separate residual pass). BiCGSTAB needs about ten iterations (two products each) for 1e-12
 * there; ILU(0) costs some twenty products to refresh on rows with ~100 entries. On slowly mixing
 * blocks (long cycles) both iterative stages may stall and the LU, whose fill stays small there,
 * takes over. Not thread-safe: one instance per thread.
 */
final class SparseBlockFactor implements BlockFactor {

  /** Krylov iterations (matrix-vector products) before the direct fallback (our choice). */
  static final int MAX_PRODUCTS = 400;

  /**
   * BiCGSTAB stops once its recursive residual's max-norm is at most this fraction of the limit:
   * the certificate is a max-norm too, and a margin of 2 covers the drift of the recursive residual
   * from the true one, which the caller checks after every solve anyway (our choice; measured on
   * Garnet(2000, 10, 10): 22.8 products per solve against 26.4 with a 2-norm stop at 0.1, worst
   * certified residual 5e-11). The sweeps stop on a bound of the true residual and need no margin.
   */
  static final double KRYLOV_MARGIN = 0.5;

  /**
   * Largest block with 16-bit block-local columns, and so the largest one the Gauss–Seidel sweeps
   * solve (larger ones run BiCGSTAB only).
   */
  static final int MAX_SWEPT = 1 << 16;

  /** Gauss–Seidel sweeps before BiCGSTAB takes over (our choice). */
  static final int MAX_SWEEPS = 100;

  /**
   * The sweeps stall (BiCGSTAB takes over) once a sweep's residual bound is above {@value
   * #STALL_RATIO} times that of {@value #STALL_WINDOW} sweeps earlier, i.e. it shrinks by less than
   * about 16 % per sweep (our choice; on Garnet blocks a sweep shrinks it about fourfold).
   */
  static final int STALL_WINDOW = 4;

  static final double STALL_RATIO = 0.5;

  private final int from;
  private final int size;
  private final int[] rowPtr;
  private final int[] col;
  private final int[] split;
  private final boolean directOnly;

  /**
   * The in-block column indices relative to {@code from} as 16-bit chars, entry for entry with the
   * P_π pattern (other entries 0), when the block has at most 65 536 states, else null: the
   * products are bound by the loads of the pattern, and 10 instead of 12 bytes per entry are
   * measurably faster (our choice).
   */
  private final char[] localCol;

  /** Whether no entry leaves the block, so P_π restricted to it is stochastic. */
  private final boolean closed;

  /** Slot of P_π(i, i) per internal row of the solver, or −1 (the solver's own table). */
  private final int[] diagSlot;

  /**
   * Per block-local row, its first in-block entry right of the diagonal (the strictly upper part
   * runs from there to the row's end), when {@link #localCol} exists.
   */
  private final int[] upperStart;

  /** The two sums of a two-vector row pass. */
  private final double[] two = new double[2];

  /** Per block-local column, its mass in the strictly upper in-block part of P_π. */
  private final double[] upperMass;

  private double[] denominatorPv;
  private double denominatorGamma;
  private double denominator;
  private double rowMassOfOnesMax;

  private double[] currentPv;
  private double currentGamma;
  private LinearSolverSparse<DMatrixSparseCSC, DMatrixRMaj> lu;
  private DMatrixRMaj luRhs;
  private DMatrixRMaj luX;

  SparseBlockFactor(
      int from,
      int size,
      int[] rowPtr,
      int[] col,
      int[] split,
      int[] diagSlot,
      boolean directOnly) {
    this.from = from;
    this.diagSlot = diagSlot;
    this.size = size;
    this.rowPtr = rowPtr;
    this.col = col;
    this.split = split;
    this.directOnly = directOnly;
    boolean noExit = true;
    for (int i = from; i < from + size; i++) {
      noExit &= split[i] == rowPtr[i];
    }
    this.closed = noExit;
    if (size <= MAX_SWEPT) {
      localCol = new char[rowPtr[from + size]];
      for (int i = from; i < from + size; i++) {
        for (int e = split[i]; e < rowPtr[i + 1]; e++) {
          localCol[e] = (char) (col[e] - from);
        }
      }
      upperStart = new int[size];
      for (int i = 0; i < size; i++) {
        int row = from + i;
        int e = split[row];
        while (e < rowPtr[row + 1] && localCol[e] <= i) {
          e++;
        }
        upperStart[i] = e;
      }
      upperMass = new double[size];
    } else {
      localCol = null;
      upperStart = null;
      upperMass = null;
    }
  }

  @Override
  public void refresh(double[] pv, double gamma) {
    currentPv = pv;
    currentGamma = gamma;
    lu = null;
    denominatorPv = null;
  }

  /**
   * Gauss–Seidel sweeps with a coarse correction on the constant vector (a two-level method) until
   * their residual bound meets the limit; if they stall, BiCGSTAB from where they stopped. Blocks
   * over 65 536 states (no 16-bit columns) run BiCGSTAB only.
   */
  @Override
  public int solve(
      double[] pv, double gamma, double[] y, double[] x, double limit, KrylovScratch w) {
    if (directOnly) {
      solveDirect(pv, gamma, y, x);
      return 0;
    }
    w.shared = 0;
    w.sweeps = 0;
    w.handedOver = false;
    if (localCol != null) {
      beginSweeps(y, x, limit, w);
      while (w.sweeping) {
        sweep(pv, gamma, w);
        advanceSweeps(pv, gamma, w);
      }
      System.arraycopy(w.x, 0, x, from, size);
      if (w.converged) {
        w.products = w.sweeps;
        return w.products;
      }
      w.handedOver = true;
    }
    begin(gamma, y, x, KRYLOV_MARGIN * limit, w);
    while (w.waiting()) {
      product(pv, gamma, w);
      advance(w);
    }
    // the caller measures the true residual of what is returned and falls back if needed
    System.arraycopy(w.x, 0, x, from, size);
    w.products += w.sweeps;
    return w.products;
  }

  /**
   * Both right-hand sides in lockstep: while both sweep (or both run BiCGSTAB), each pass over the
   * block's entries serves the two vectors (the passes are bound by the loads of P_π and its
   * pattern, so two vectors cost little more than one). Each side's arithmetic is exactly that of
   * {@link #solve} alone, so the results are the same bit for bit.
   */
  @Override
  public void solvePair(
      double[] pv,
      double gamma,
      double[] ya,
      double[] xa,
      double limitA,
      KrylovScratch wa,
      double[] yb,
      double[] xb,
      double limitB,
      KrylovScratch wb) {
    if (directOnly) {
      BlockFactor.super.solvePair(pv, gamma, ya, xa, limitA, wa, yb, xb, limitB, wb);
      return;
    }
    int shared = 0;
    wa.sweeps = 0;
    wb.sweeps = 0;
    if (localCol != null) {
      beginSweeps(ya, xa, limitA, wa);
      beginSweeps(yb, xb, limitB, wb);
      while (wa.sweeping || wb.sweeping) {
        if (wa.sweeping && wb.sweeping) {
          sweepPair(pv, gamma, wa, wb);
          advanceSweeps(pv, gamma, wa);
          advanceSweeps(pv, gamma, wb);
          shared++;
        } else {
          KrylovScratch w = wa.sweeping ? wa : wb;
          sweep(pv, gamma, w);
          advanceSweeps(pv, gamma, w);
        }
      }
      System.arraycopy(wa.x, 0, xa, from, size);
      System.arraycopy(wb.x, 0, xb, from, size);
    }
    boolean krylovA = localCol == null || !wa.converged;
    boolean krylovB = localCol == null || !wb.converged;
    wa.handedOver = localCol != null && krylovA;
    wb.handedOver = localCol != null && krylovB;
    wa.phase = KrylovScratch.Phase.DONE;
    wb.phase = KrylovScratch.Phase.DONE;
    wa.products = 0;
    wb.products = 0;
    if (krylovA) {
      begin(gamma, ya, xa, KRYLOV_MARGIN * limitA, wa);
    }
    if (krylovB) {
      begin(gamma, yb, xb, KRYLOV_MARGIN * limitB, wb);
    }
    while (wa.waiting() || wb.waiting()) {
      if (wa.waiting() && wb.waiting()) {
        productPair(pv, gamma, wa, wb);
        advance(wa);
        advance(wb);
        shared++;
      } else {
        KrylovScratch w = wa.waiting() ? wa : wb;
        product(pv, gamma, w);
        advance(w);
      }
    }
    if (krylovA) {
      System.arraycopy(wa.x, 0, xa, from, size);
    }
    if (krylovB) {
      System.arraycopy(wb.x, 0, xb, from, size);
    }
    wa.products += wa.sweeps;
    wb.products += wb.sweeps;
    wa.shared = shared;
    wb.shared = shared;
  }

  /** Loads the start for the Gauss–Seidel stage. */
  private void beginSweeps(double[] y, double[] x, double target, KrylovScratch w) {
    w.y = y;
    w.target = target;
    System.arraycopy(x, from, w.x, 0, size);
    w.sweeps = 0;
    w.converged = false;
    w.sweeping = true;
  }

  /**
   * After a sweep: the coarse correction, then stop if the bound on the residual meets the target,
   * or hand over to BiCGSTAB if the sweeps stall or run out.
   *
   * <p>Why the bound holds: a forward sweep solves (D − L) x' = y + U x for the splitting I − γP_π
   * = D − L − U (L, U: γ times the strictly lower and upper in-block parts), so the new residual is
   * y − (I − γP_π) x' = U (x' − x) = U δ, at most γ‖δ‖∞ in max-norm, with sum γ Σ_j δ_j u_j where
   * u_j is column j's strictly upper mass. The correction x' + c1 with c = 1ᵀr / 1ᵀA1 (A = I − γP_π
   * on the block) removes the residual's mean and adds at most |c| max_i (A1)_i to its max-norm.
   */
  private void advanceSweeps(double[] pv, double gamma, KrylovScratch w) {
    int k = w.sweeps++;
    double c = gamma * w.upperSum / coarseDenominator(pv, gamma);
    double[] x = w.x;
    for (int i = 0; i < size; i++) {
      x[i] += c;
    }
    double bound = gamma * w.changeMax + Math.abs(c) * rowMassOfOnesMax;
    w.sweepBounds[k] = bound;
    if (bound <= w.target) {
      w.converged = true;
      w.sweeping = false;
      return;
    }
    if (!Double.isFinite(bound)
        || w.sweeps >= MAX_SWEEPS
        || (k >= STALL_WINDOW * 2 && bound > STALL_RATIO * w.sweepBounds[k - STALL_WINDOW])) {
      w.sweeping = false;
    }
  }

  /**
   * 1ᵀ(I − γP_π)1 over the block (m(1 − γ) on a closed block, where P_π 1 = 1), and with it the
   * column masses of the strictly upper in-block part ({@link #upperMass}) and max_i ((I −
   * γP_π)1)_i ({@link #rowMassOfOnesMax}); computed once per P_π.
   */
  private double coarseDenominator(double[] pv, double gamma) {
    if (denominatorPv != pv || denominatorGamma != gamma) {
      double[] u = upperMass;
      java.util.Arrays.fill(u, 0.0);
      double sum = 0;
      double worst = 0;
      for (int i = 0; i < size; i++) {
        int row = from + i;
        int end = rowPtr[row + 1];
        if (!closed) {
          double mass = 0;
          for (int k = split[row]; k < end; k++) {
            mass += pv[k];
          }
          sum += 1 - gamma * mass;
          worst = Math.max(worst, 1 - gamma * mass);
        }
        for (int e = upperStart[i]; e < end; e++) {
          u[localCol[e]] += pv[e];
        }
      }
      denominator = closed ? size * (1 - gamma) : sum;
      rowMassOfOnesMax = closed ? 1 - gamma : worst;
      denominatorPv = pv;
      denominatorGamma = gamma;
    }
    return denominator;
  }

  /**
   * One forward Gauss–Seidel sweep over {@code w.x} in place: x_i ← (y_i + γ Σ_{j≠i} P_ij x_j) / (1
   * − γP_ii), reading the new x_j for j < i. Needs {@link #coarseDenominator} for this P_π (the
   * column masses). Writes ‖δ‖∞ into {@code w.changeMax} and Σ_j δ_j u_j into {@code w.upperSum} (δ
   * = new − old).
   */
  private void sweep(double[] pv, double gamma, KrylovScratch w) {
    coarseDenominator(pv, gamma);
    double[] y = w.y;
    double[] x = w.x;
    double[] u = upperMass;
    char[] lc = localCol;
    int[] dg = diagSlot;
    double dMax = 0;
    double dSum = 0;
    for (int i = 0; i < size; i++) {
      int row = from + i;
      int end = rowPtr[row + 1];
      double sum = rowDot(pv, lc, split[row], end, x);
      int di = dg[row];
      double d = di >= 0 ? pv[di] : 0.0;
      double old = x[i];
      double xi = (y[i] + gamma * (sum - d * old)) / (1 - gamma * d);
      x[i] = xi;
      double delta = xi - old;
      dMax = Math.max(dMax, Math.abs(delta));
      dSum += delta * u[i];
    }
    w.changeMax = dMax;
    w.upperSum = dSum;
  }

  /** {@link #sweep} for two right-hand sides in one pass (the same arithmetic per side). */
  private void sweepPair(double[] pv, double gamma, KrylovScratch wa, KrylovScratch wb) {
    coarseDenominator(pv, gamma);
    double[] ya = wa.y;
    double[] xa = wa.x;
    double[] yb = wb.y;
    double[] xb = wb.x;
    double[] u = upperMass;
    char[] lc = localCol;
    int[] dg = diagSlot;
    double[] two = this.two;
    double maxA = 0;
    double sumA = 0;
    double maxB = 0;
    double sumB = 0;
    for (int i = 0; i < size; i++) {
      int row = from + i;
      int end = rowPtr[row + 1];
      rowDots(pv, lc, split[row], end, xa, xb, two);
      int di = dg[row];
      double d = di >= 0 ? pv[di] : 0.0;
      double pivot = 1 - gamma * d;
      double oldA = xa[i];
      double oldB = xb[i];
      double xia = (ya[i] + gamma * (two[0] - d * oldA)) / pivot;
      double xib = (yb[i] + gamma * (two[1] - d * oldB)) / pivot;
      xa[i] = xia;
      xb[i] = xib;
      double deltaA = xia - oldA;
      double deltaB = xib - oldB;
      maxA = Math.max(maxA, Math.abs(deltaA));
      sumA += deltaA * u[i];
      maxB = Math.max(maxB, Math.abs(deltaB));
      sumB += deltaB * u[i];
    }
    wa.changeMax = maxA;
    wa.upperSum = sumA;
    wb.changeMax = maxB;
    wb.upperSum = sumB;
  }

  /** Loads the start and asks for the first product A x. */
  private void begin(double gamma, double[] y, double[] x, double target, KrylovScratch w) {
    // right preconditioner M⁻¹ = I + c 1 1ᵀ/m (Brauer deflation, our choice): on a closed block
    // P_π 1 = 1, so A M⁻¹ = I − γ (P_π − 1 1ᵀ/m) has the eigenvalue 1 − γ moved to 1 and keeps the
    // others; BiCGSTAB then needs no iterations to resolve that outlier. c = γ/(1−γ); 0 when the
    // block has exits (then 1 is no eigenvector). Right preconditioning leaves x unscaled.
    w.shift = closed ? gamma / (1 - gamma) : 0.0;
    w.y = y;
    w.target = target;
    System.arraycopy(x, from, w.x, 0, size);
    w.phase = KrylovScratch.Phase.START;
    w.request(w.x, w.r, null);
  }

  /** Consumes the product the recurrence waited for and runs it up to the next one (or done). */
  private void advance(KrylovScratch w) {
    int m = size;
    double[] r = w.r;
    double[] s = w.s;
    double[] t = w.t;
    double[] xl = w.x;
    switch (w.phase) {
      case START:
        {
          double[] y = w.y;
          double[] rHat = w.rHat;
          double rr = 0;
          double rMax = 0;
          for (int i = 0; i < m; i++) {
            double ri = y[i] - r[i];
            r[i] = ri;
            rHat[i] = ri;
            w.p[i] = 0;
            w.v[i] = 0;
            rr += ri * ri;
            rMax = Math.max(rMax, Math.abs(ri));
          }
          w.products = 1;
          w.rho = 1;
          w.alpha = 1;
          w.omega = 1;
          w.rhoNew = rr;
          w.converged = rMax <= w.target;
          direction(w);
          return;
        }
      case DIRECTION:
        {
          w.products++;
          double rv = w.dot;
          if (rv == 0 || !Double.isFinite(rv)) {
            w.phase = KrylovScratch.Phase.DONE;
            return;
          }
          double alpha = w.rho / rv;
          w.alpha = alpha;
          double[] v = w.v;
          double sMax = 0;
          double sum = 0;
          for (int i = 0; i < m; i++) {
            double si = r[i] - alpha * v[i];
            s[i] = si;
            sMax = Math.max(sMax, Math.abs(si));
            sum += si;
          }
          if (sMax <= w.target) {
            double[] pHat = w.pHat;
            for (int i = 0; i < m; i++) {
              xl[i] += alpha * pHat[i];
            }
            w.converged = true;
            w.phase = KrylovScratch.Phase.DONE;
            return;
          }
          precondition(s, w.sHat, w.shift * sum / m);
          w.phase = KrylovScratch.Phase.STABILISE;
          w.request(w.sHat, t, null);
          return;
        }
      case STABILISE:
        {
          w.products++;
          double ts = 0;
          double tt = 0;
          for (int i = 0; i < m; i++) {
            ts += t[i] * s[i];
            tt += t[i] * t[i];
          }
          if (tt == 0) {
            w.phase = KrylovScratch.Phase.DONE;
            return;
          }
          double omega = ts / tt;
          w.omega = omega;
          if (omega == 0 || !Double.isFinite(omega)) {
            w.phase = KrylovScratch.Phase.DONE;
            return;
          }
          double alpha = w.alpha;
          double[] pHat = w.pHat;
          double[] sHat = w.sHat;
          double[] rHat = w.rHat;
          double rMax = 0;
          double rhoNew = 0;
          for (int i = 0; i < m; i++) {
            xl[i] += alpha * pHat[i] + omega * sHat[i];
            double ri = s[i] - omega * t[i];
            r[i] = ri;
            rMax = Math.max(rMax, Math.abs(ri));
            rhoNew += rHat[i] * ri;
          }
          w.rhoNew = rhoNew;
          w.converged = rMax <= w.target;
          direction(w);
          return;
        }
      default:
        throw new IllegalStateException("BiCGSTAB advanced when done");
    }
  }

  /** The top of a BiCGSTAB iteration: stop, or the new direction p̂ and a request for A p̂. */
  private void direction(KrylovScratch w) {
    if (w.converged || w.products >= MAX_PRODUCTS || w.rhoNew == 0 || !Double.isFinite(w.rhoNew)) {
      w.phase = KrylovScratch.Phase.DONE;
      return;
    }
    int m = size;
    double beta = (w.rhoNew / w.rho) * (w.alpha / w.omega);
    w.rho = w.rhoNew;
    double[] p = w.p;
    double[] r = w.r;
    double[] v = w.v;
    double omega = w.omega;
    double sum = 0;
    for (int i = 0; i < m; i++) {
      double pi = r[i] + beta * (p[i] - omega * v[i]);
      p[i] = pi;
      sum += pi;
    }
    precondition(p, w.pHat, w.shift * sum / m);
    w.phase = KrylovScratch.Phase.DIRECTION;
    w.request(w.pHat, v, w.rHat);
  }

  /** The product {@code w} waits for: out = (I − γP_π) in, and ⟨dotWith, out⟩ if asked. */
  private void product(double[] pv, double gamma, KrylovScratch w) {
    double[] x = w.in;
    double[] out = w.out;
    double[] h = w.dotWith;
    int base = from;
    char[] lc = localCol;
    double dot = 0;
    for (int i = 0; i < size; i++) {
      int row = base + i;
      double o =
          x[i]
              - gamma
                  * (lc != null
                      ? rowDot(pv, lc, split[row], rowPtr[row + 1], x)
                      : rowDot(pv, col, split[row], rowPtr[row + 1], x, base));
      out[i] = o;
      if (h != null) {
        dot += h[i] * o;
      }
    }
    w.dot = dot;
  }

  /**
   * The products both recurrences wait for, in one pass over the block's rows: each row's entries
   * and columns are loaded once for the two vectors. Per vector the same partial sums in the same
   * order as {@link #rowDot(double[], char[], int, int, double[])}.
   */
  private void productPair(double[] pv, double gamma, KrylovScratch wa, KrylovScratch wb) {
    double[] xa = wa.in;
    double[] xb = wb.in;
    double[] outA = wa.out;
    double[] outB = wb.out;
    double[] ha = wa.dotWith;
    double[] hb = wb.dotWith;
    int base = from;
    char[] lc = localCol;
    double[] two = this.two;
    double dotA = 0;
    double dotB = 0;
    for (int i = 0; i < size; i++) {
      int row = base + i;
      if (lc != null) {
        rowDots(pv, lc, split[row], rowPtr[row + 1], xa, xb, two);
      } else {
        rowDots(pv, col, split[row], rowPtr[row + 1], xa, xb, two, base);
      }
      double oa = xa[i] - gamma * two[0];
      double ob = xb[i] - gamma * two[1];
      outA[i] = oa;
      outB[i] = ob;
      if (ha != null) {
        dotA += ha[i] * oa;
      }
      if (hb != null) {
        dotB += hb[i] * ob;
      }
    }
    wa.dot = dotA;
    wb.dot = dotB;
  }

  /** out = z + shift 1: the preconditioner applied, shift = c mean(z). */
  private void precondition(double[] z, double[] out, double shift) {
    for (int i = 0; i < size; i++) {
      out[i] = z[i] + shift;
    }
  }

  /**
   * Σ_{e in [begin, end)} pv[e] x[col[e] − base] with four partial sums: rows of random MDPs have
   * ~100 entries, and one running sum would serialise them on the floating-point adder (a fixed
   * order, so results stay deterministic).
   */
  static double rowDot(double[] pv, int[] col, int begin, int end, double[] x, int base) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int e = begin;
    for (; e + 3 < end; e += 4) {
      s0 += pv[e] * x[col[e] - base];
      s1 += pv[e + 1] * x[col[e + 1] - base];
      s2 += pv[e + 2] * x[col[e + 2] - base];
      s3 += pv[e + 3] * x[col[e + 3] - base];
    }
    for (; e < end; e++) {
      s0 += pv[e] * x[col[e] - base];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * {@link #rowDot(double[], int[], int, int, double[], int)} for two vectors in one pass (the same
   * partial sums per vector), into {@code out[0]} and {@code out[1]}.
   */
  static void rowDots(
      double[] pv,
      int[] col,
      int begin,
      int end,
      double[] xa,
      double[] xb,
      double[] out,
      int base) {
    double a0 = 0;
    double a1 = 0;
    double a2 = 0;
    double a3 = 0;
    double b0 = 0;
    double b1 = 0;
    double b2 = 0;
    double b3 = 0;
    int e = begin;
    for (; e + 3 < end; e += 4) {
      int c0 = col[e] - base;
      int c1 = col[e + 1] - base;
      int c2 = col[e + 2] - base;
      int c3 = col[e + 3] - base;
      a0 += pv[e] * xa[c0];
      b0 += pv[e] * xb[c0];
      a1 += pv[e + 1] * xa[c1];
      b1 += pv[e + 1] * xb[c1];
      a2 += pv[e + 2] * xa[c2];
      b2 += pv[e + 2] * xb[c2];
      a3 += pv[e + 3] * xa[c3];
      b3 += pv[e + 3] * xb[c3];
    }
    for (; e < end; e++) {
      int c0 = col[e] - base;
      a0 += pv[e] * xa[c0];
      b0 += pv[e] * xb[c0];
    }
    out[0] = (a0 + a1) + (a2 + a3);
    out[1] = (b0 + b1) + (b2 + b3);
  }

  /**
   * {@link #rowDots(double[], int[], int, int, double[], double[], double[], int)} on char columns.
   */
  static void rowDots(
      double[] pv, char[] col, int begin, int end, double[] xa, double[] xb, double[] out) {
    double a0 = 0;
    double a1 = 0;
    double a2 = 0;
    double a3 = 0;
    double b0 = 0;
    double b1 = 0;
    double b2 = 0;
    double b3 = 0;
    int e = begin;
    for (; e + 3 < end; e += 4) {
      int c0 = col[e];
      int c1 = col[e + 1];
      int c2 = col[e + 2];
      int c3 = col[e + 3];
      a0 += pv[e] * xa[c0];
      b0 += pv[e] * xb[c0];
      a1 += pv[e + 1] * xa[c1];
      b1 += pv[e + 1] * xb[c1];
      a2 += pv[e + 2] * xa[c2];
      b2 += pv[e + 2] * xb[c2];
      a3 += pv[e + 3] * xa[c3];
      b3 += pv[e + 3] * xb[c3];
    }
    for (; e < end; e++) {
      int c0 = col[e];
      a0 += pv[e] * xa[c0];
      b0 += pv[e] * xb[c0];
    }
    out[0] = (a0 + a1) + (a2 + a3);
    out[1] = (b0 + b1) + (b2 + b3);
  }

  /** {@link #rowDot(double[], int[], int, int, double[], int)} on block-local char columns. */
  static double rowDot(double[] pv, char[] col, int begin, int end, double[] x) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int e = begin;
    for (; e + 3 < end; e += 4) {
      s0 += pv[e] * x[col[e]];
      s1 += pv[e + 1] * x[col[e + 1]];
      s2 += pv[e + 2] * x[col[e + 2]];
      s3 += pv[e + 3] * x[col[e + 3]];
    }
    for (; e < end; e++) {
      s0 += pv[e] * x[col[e]];
    }
    return (s0 + s1) + (s2 + s3);
  }

  @Override
  public void solveDirect(double[] pv, double gamma, double[] y, double[] x) {
    if (lu == null || pv != currentPv || gamma != currentGamma) {
      factorLu(pv, gamma);
    }
    System.arraycopy(y, 0, luRhs.data, 0, size);
    lu.solve(luRhs, luX);
    System.arraycopy(luX.data, 0, x, from, size);
  }

  private void factorLu(double[] pv, double gamma) {
    int m = size;
    DMatrixSparseTriplet triplet = new DMatrixSparseTriplet(m, m, rowPtr[from + m] - split[from]);
    for (int i = 0; i < m; i++) {
      int row = from + i;
      boolean diagonal = false;
      for (int e = split[row]; e < rowPtr[row + 1]; e++) {
        int j = col[e] - from;
        double a = (j == i ? 1.0 : 0.0) - gamma * pv[e];
        diagonal |= j == i;
        if (a != 0) {
          triplet.addItem(i, j, a);
        }
      }
      if (!diagonal) {
        triplet.addItem(i, i, 1.0);
      }
    }
    DMatrixSparseCSC csc = DConvertMatrixStruct.convert(triplet, (DMatrixSparseCSC) null);
    lu = LinearSolverFactory_DSCC.lu(FillReducing.NONE);
    if (!lu.setA(csc)) {
      throw new FedNpgException(
          "exact policy evaluation: sparse LU of a block of size "
              + m
              + " of I - gamma P_pi failed");
    }
    luRhs = new DMatrixRMaj(m, 1);
    luX = new DMatrixRMaj(m, 1);
    currentPv = pv;
    currentGamma = gamma;
  }
}
