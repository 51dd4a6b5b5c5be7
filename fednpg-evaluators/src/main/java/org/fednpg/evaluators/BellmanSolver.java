package org.fednpg.evaluators;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.fednpg.api.FedNpgException;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.QEstimate;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;

/**
 * Exact (soft) policy evaluation on one transition kernel: solves (I − γP_π) V = r_π − τ Σ_a π log
 * π with P_π(s, s') = Σ_a π(a|s) P(s'|s, a), then Q = r + γ P V (SPEC §4).
 *
 * <p>Why it is fast: softmax policies have full support, so the sparsity pattern of P_π is the
 * union over actions of the kernel's support and does not depend on the policy. The constructor
 * computes that pattern and the strongly connected components of the state graph once, renumbers
 * the states so that every component is a contiguous range (components in reverse topological
 * order) and records, for every kernel entry, its slot in the pattern: P_π is then assembled by one
 * precomputed scatter, and each solve is a block back-substitution over flat CSR arrays with no
 * per-call allocation. A one-state component is solved in closed form, V(s) = (b(s) + γ Σ_{s'≠s}
 * P_π(s,s') V(s')) / (1 − γ P_π(s,s)), so a gridworld (a DAG with self-loops) costs O(nnz) per
 * solve. Components of up to {@value #DENSE_LIMIT} states use a dense LU ({@link
 * DenseBlockFactor}); larger ones unpreconditioned BiCGSTAB started from the caller's guess (a warm
 * start: the previous iteration's V), falling back to a sparse LU within the same call when
 * BiCGSTAB, restarted once from where it stopped, does not reach the tolerance ({@link
 * SparseBlockFactor}). A dense |S|×|S| inverse is never formed. The path taken depends only on the
 * inputs (including the start), so results are deterministic.
 *
 * <p>Accuracy guarantee: every solve is certified. The scaled residual ‖(I − γP_π)V − b‖_∞ / max(1,
 * ‖b‖_∞) is computed from the returned V; a large block whose rows miss the tolerance is re-solved
 * directly, up to {@value #MAX_REFINEMENTS} steps of iterative refinement follow if needed, and a
 * {@link FedNpgException} is thrown if the residual still exceeds the requested tolerance: wrong
 * numbers are never returned silently.
 *
 * <p>Thread-safe: the structure is immutable and every thread gets its own scratch buffers and
 * block factors. Build one per kernel and share it through the run (the {@code exact} provider does
 * so through the run's {@link org.fednpg.api.RunScope}).
 */
public final class BellmanSolver {

  /** Largest component solved with a dense LU. */
  public static final int DENSE_LIMIT = 200;

  /** Default bound on the scaled Bellman residual of every returned solution (SPEC §4). */
  public static final double RESIDUAL_LIMIT = 1e-10;

  static final int MAX_REFINEMENTS = 3;

  /** How large components (more than {@value #DENSE_LIMIT} states) are solved. */
  public enum LargeBlocks {
    /** Warm-started BiCGSTAB, sparse LU when it does not converge (the default). */
    KRYLOV,
    /** Sparse LU only: for slowly mixing models where Krylov methods stall anyway. */
    SPARSE_LU
  }

  /** Counters over all solves so far (for benchmarks and reports; not part of any result). */
  public record Statistics(
      long solves,
      long krylovSolves,
      long krylovProducts,
      long directFallbacks,
      double maxResidual,
      long singlePasses,
      long pairedPasses,
      long sweeps,
      long handovers) {

    /**
     * Passes over the block's matrix per iterative block solve (Gauss–Seidel sweeps plus BiCGSTAB
     * products; {@link #krylovProducts} counts both), 0 if none.
     */
    public double productsPerKrylovSolve() {
      return krylovSolves == 0 ? 0 : (double) krylovProducts / krylovSolves;
    }

    /**
     * Passes over a block's matrix: a product for one vector, or one fused product for two ({@link
     * #pairedPasses}; each counts as two {@link #krylovProducts}).
     */
    public long passes() {
      return singlePasses + pairedPasses;
    }
  }

  private final TransitionKernel kernel;
  private final LargeBlocks largeBlocks;
  private final int states;
  private final int actions;
  private final int[] kernelRow;
  private final int[] kernelNext;
  private final double[] kernelProb;

  /** Internal index → state, and state → internal index. */
  private final int[] perm;

  private final int[] inv;

  /** P_π pattern: CSR over internal rows, internal columns ascending. */
  private final int[] rowPtr;

  private final int[] col;

  /** First in-block entry of each internal row (earlier entries point into solved blocks). */
  private final int[] split;

  /** Slot of P_π(i, i) per internal row, or −1. */
  private final int[] diagSlot;

  /** For each kernel entry, its slot in the P_π pattern. */
  private final int[] slotOfEntry;

  /** Component c is internal rows blockStart[c] .. blockStart[c+1]. */
  private final int[] blockStart;

  private final int maxBlock;

  /** Whether component c has no entry leaving it (P_π restricted to it is stochastic). */
  private final boolean[] closedBlock;

  private final Companions companions = new Companions();
  private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);
  private final LongAdder solves = new LongAdder();
  private final LongAdder krylovSolves = new LongAdder();
  private final LongAdder krylovProducts = new LongAdder();
  private final LongAdder fallbacks = new LongAdder();
  private final LongAdder krylovPasses = new LongAdder();
  private final LongAdder krylovPairedPasses = new LongAdder();
  private final LongAdder sweepCount = new LongAdder();
  private final LongAdder handoverCount = new LongAdder();
  private final AtomicLong maxResidualBits = new AtomicLong();

  /** {@link #BellmanSolver(TransitionKernel, LargeBlocks)} with {@link LargeBlocks#KRYLOV}. */
  public BellmanSolver(TransitionKernel kernel) {
    this(kernel, LargeBlocks.KRYLOV);
  }

  /** Precomputes the pattern and block structure of {@code kernel}. Costs O(nnz log b). */
  public BellmanSolver(TransitionKernel kernel, LargeBlocks largeBlocks) {
    this.kernel = kernel;
    this.largeBlocks = largeBlocks;
    this.states = kernel.states();
    this.actions = kernel.actions();
    this.kernelRow = kernel.rowPointerCopy();
    this.kernelNext = kernel.nextStatesCopy();
    this.kernelProb = kernel.probabilitiesCopy();
    // pattern in the original numbering, for the components
    int[] rowPtr0 = new int[states + 1];
    int[] mark = new int[states];
    Arrays.fill(mark, -1);
    int[] col0 = new int[kernelNext.length];
    double[] weight0 = new double[kernelNext.length];
    int nnz = 0;
    for (int s = 0; s < states; s++) {
      int rowBegin = nnz;
      for (int k = kernelRow[s * actions]; k < kernelRow[(s + 1) * actions]; k++) {
        int t = kernelNext[k];
        if (mark[t] < rowBegin) {
          col0[nnz++] = t;
          mark[t] = nnz - 1;
        }
        weight0[mark[t]] += kernelProb[k] / actions;
      }
      rowPtr0[s + 1] = nnz;
    }
    StronglyConnectedComponents blocks = StronglyConnectedComponents.of(states, rowPtr0, col0);
    this.perm = blocks.order.clone();
    for (int c = 0; c + 1 < blocks.start.length; c++) {
      int m = blocks.start[c + 1] - blocks.start[c];
      if (m > DENSE_LIMIT
          && m <= SparseBlockFactor.MAX_SWEPT
          && largeBlocks == LargeBlocks.KRYLOV) {
        // components the Gauss-Seidel sweeps solve: successors first (SweepOrder)
        SweepOrder.reorder(perm, blocks.start[c], blocks.start[c + 1], rowPtr0, col0, weight0);
      }
    }
    this.inv = new int[states];
    for (int i = 0; i < states; i++) {
      inv[perm[i]] = i;
    }
    this.blockStart = blocks.start.clone();
    int largest = 0;
    for (int c = 0; c + 1 < blockStart.length; c++) {
      largest = Math.max(largest, blockStart[c + 1] - blockStart[c]);
    }
    this.maxBlock = largest;
    // the same pattern in the internal numbering, columns sorted
    this.rowPtr = new int[states + 1];
    this.col = new int[nnz];
    this.split = new int[states];
    this.diagSlot = new int[states];
    this.slotOfEntry = new int[kernelNext.length];
    int[] blockOf = new int[states];
    for (int c = 0; c + 1 < blockStart.length; c++) {
      for (int i = blockStart[c]; i < blockStart[c + 1]; i++) {
        blockOf[i] = c;
      }
    }
    Arrays.fill(mark, -1);
    int pos = 0;
    for (int i = 0; i < states; i++) {
      int s = perm[i];
      int begin = pos;
      for (int k = rowPtr0[s]; k < rowPtr0[s + 1]; k++) {
        col[pos++] = inv[col0[k]];
      }
      Arrays.sort(col, begin, pos);
      rowPtr[i + 1] = pos;
      int from = blockStart[blockOf[i]];
      split[i] = pos;
      diagSlot[i] = -1;
      for (int e = pos - 1; e >= begin; e--) {
        if (col[e] >= from) {
          split[i] = e;
        }
        if (col[e] == i) {
          diagSlot[i] = e;
        }
        mark[col[e]] = e;
      }
      for (int k = kernelRow[s * actions]; k < kernelRow[(s + 1) * actions]; k++) {
        slotOfEntry[k] = mark[inv[kernelNext[k]]];
      }
    }
    this.closedBlock = new boolean[blockStart.length - 1];
    for (int c = 0; c + 1 < blockStart.length; c++) {
      boolean closed = true;
      for (int i = blockStart[c]; i < blockStart[c + 1]; i++) {
        closed &= split[i] == rowPtr[i];
      }
      closedBlock[c] = closed;
    }
  }

  /** The companion values kept for the run's metrics (shared by everyone sharing the solver). */
  Companions companions() {
    return companions;
  }

  /** The kernel this solver was built for. */
  public TransitionKernel kernel() {
    return kernel;
  }

  /** Number of strongly connected components of the state graph. */
  public int components() {
    return blockStart.length - 1;
  }

  /** Size of the largest strongly connected component. */
  public int largestComponent() {
    return maxBlock;
  }

  /** Whether a start can matter: some component is solved by BiCGSTAB. */
  public boolean usesWarmStarts() {
    return maxBlock > DENSE_LIMIT && largeBlocks == LargeBlocks.KRYLOV;
  }

  /** The counters over every solve so far. */
  public Statistics statistics() {
    return new Statistics(
        solves.sum(),
        krylovSolves.sum(),
        krylovProducts.sum(),
        fallbacks.sum(),
        Double.longBitsToDouble(maxResidualBits.get()),
        krylovPasses.sum(),
        krylovPairedPasses.sum(),
        sweepCount.sum(),
        handoverCount.sum());
  }

  /** V_τ^π and Q_τ^π for one reward and policy, from a cold start, default tolerance. */
  public PolicyEvaluation evaluate(double gamma, RewardTable reward, LogPolicy policy, double tau) {
    double[] v = new double[states];
    double residual = values(gamma, reward, policy, tau, RESIDUAL_LIMIT, null, v);
    double[] q = new double[states * actions];
    qFromValues(gamma, reward, v, q);
    return new PolicyEvaluation(states, actions, v, q, residual);
  }

  /** Q_τ^π only (cold start, default tolerance), as an estimate with 0 samples. */
  public QEstimate q(double gamma, RewardTable reward, LogPolicy policy, double tau) {
    double[] q = new double[states * actions];
    qInto(gamma, reward, policy, tau, q);
    return QEstimate.of(states, actions, q, 0);
  }

  /**
   * Q_τ^π written into {@code out} (length |S||A|), the same numbers as {@link #q}.
   *
   * @throws InvalidInputException on a wrong buffer length
   */
  public void qInto(double gamma, RewardTable reward, LogPolicy policy, double tau, double[] out) {
    checkQ(out);
    Workspace ws = workspaces.get();
    values(gamma, reward, policy, tau, RESIDUAL_LIMIT, null, ws.out);
    qFromValues(gamma, reward, ws.out, out);
  }

  /**
   * Q_τ^π into {@code q} and V_τ^π into {@code v}, the solve started from {@code v}'s content on
   * entry (a warm start; the result is certified to {@code tolerance} whatever the start, and is a
   * deterministic function of the inputs and the start).
   *
   * @return the achieved scaled residual
   */
  public double qInto(
      double gamma,
      RewardTable reward,
      LogPolicy policy,
      double tau,
      double tolerance,
      double[] q,
      double[] v) {
    checkQ(q);
    double residual = values(gamma, reward, policy, tau, tolerance, v, v);
    qFromValues(gamma, reward, v, q);
    return residual;
  }

  private void checkQ(double[] out) {
    if (out.length != states * actions) {
      throw new InvalidInputException(
          "Q buffer has " + out.length + " entries, expected " + states * actions);
    }
  }

  /** q = r + γ P v (length |S||A|) for values {@code v} (length |S|). */
  public void qFromValues(double gamma, RewardTable reward, double[] v, double[] q) {
    for (int sa = 0; sa < states * actions; sa++) {
      double acc = 0;
      for (int k = kernelRow[sa]; k < kernelRow[sa + 1]; k++) {
        acc += kernelProb[k] * v[kernelNext[k]];
      }
      q[sa] = reward.get(sa) + gamma * acc;
    }
  }

  /** V_τ^π(ρ) = Σ_s ρ(s) V_τ^π(s) (cold start, default tolerance), without computing Q. */
  public double value(
      double gamma, RewardTable reward, LogPolicy policy, double tau, double[] rho) {
    return value(gamma, reward, policy, tau, RESIDUAL_LIMIT, null, rho);
  }

  /** V_τ^π(ρ), the solve started from {@code start} (length |S|, read only; null: cold start). */
  public double value(
      double gamma,
      RewardTable reward,
      LogPolicy policy,
      double tau,
      double tolerance,
      double[] start,
      double[] rho) {
    if (rho.length != states) {
      throw new InvalidInputException(
          "initial distribution has " + rho.length + " entries, expected " + states);
    }
    double[] v = workspaces.get().out;
    values(gamma, reward, policy, tau, tolerance, start, v);
    return weighted(rho, v);
  }

  /** Σ_s ρ(s) v(s), in state order (the arithmetic of every V(ρ) this class returns). */
  static double weighted(double[] rho, double[] v) {
    double sum = 0;
    for (int s = 0; s < v.length; s++) {
      sum += rho[s] * v[s];
    }
    return sum;
  }

  /** {@link #values(double, RewardTable, LogPolicy, double, double, double[], double[])}, cold. */
  public double values(
      double gamma, RewardTable reward, LogPolicy policy, double tau, double[] out) {
    return values(gamma, reward, policy, tau, RESIDUAL_LIMIT, null, out);
  }

  /**
   * Writes V_τ^π into {@code out} (length |S|) and returns the achieved scaled residual, which is
   * at most {@code tolerance}.
   *
   * @param start the starting guess (length |S|; may be {@code out} itself), or null for zeros
   * @throws InvalidInputException if shapes, γ, τ or the tolerance are invalid
   * @throws FedNpgException if the residual guarantee cannot be met
   */
  public double values(
      double gamma,
      RewardTable reward,
      LogPolicy policy,
      double tau,
      double tolerance,
      double[] start,
      double[] out) {
    check(gamma, reward, policy, tau, tolerance, out);
    checkStart(start);
    Workspace ws = workspaces.get();
    double bNorm = assemble(ws, ws.first, gamma, policy, reward, tau);
    return solveAssembled(ws, ws.first, gamma, bNorm, tau, tolerance, start, out);
  }

  /**
   * Several right-hand sides on one matrix: V_τ^π for each reward in {@code rewards}, with one
   * assembly and one refresh of the block factors of I − γP_π shared by all, and the Krylov solves
   * of two rewards at a time sharing their passes over the matrix. The numbers equal those of
   * separate {@link #values} calls with the same starts, bit for bit.
   *
   * @param starts a starting guess per reward (entries may be null for a cold start; the array may
   *     be null for all cold)
   * @param outs the values per reward (each length |S|)
   * @return the achieved scaled residual per reward
   */
  public double[] values(
      double gamma,
      LogPolicy policy,
      double tau,
      double tolerance,
      RewardTable[] rewards,
      double[][] starts,
      double[][] outs) {
    if (outs.length != rewards.length || (starts != null && starts.length != rewards.length)) {
      throw new InvalidInputException(
          "got "
              + rewards.length
              + " rewards, "
              + outs.length
              + " outputs and "
              + (starts == null ? "no" : starts.length)
              + " starts");
    }
    for (int j = 0; j < rewards.length; j++) {
      check(gamma, rewards[j], policy, tau, tolerance, outs[j]);
      checkStart(starts == null ? null : starts[j]);
    }
    Workspace ws = workspaces.get();
    double[] residuals = new double[rewards.length];
    if (rewards.length == 0) {
      return residuals;
    }
    assemble(ws, ws.first, gamma, policy, null, tau);
    for (int j = 0; j < rewards.length; j += 2) {
      double[] startA = starts == null ? null : starts[j];
      double bNormA = softReward(ws.first, policy, rewards[j], tau);
      if (j + 1 == rewards.length) {
        residuals[j] = solveAssembled(ws, ws.first, gamma, bNormA, tau, tolerance, startA, outs[j]);
      } else {
        double bNormB = softReward(ws.second(), policy, rewards[j + 1], tau);
        double[] startB = starts == null ? null : starts[j + 1];
        double[] pair =
            solvePair(
                ws, gamma, tau, tolerance, bNormA, startA, outs[j], bNormB, startB, outs[j + 1]);
        residuals[j] = pair[0];
        residuals[j + 1] = pair[1];
      }
    }
    return residuals;
  }

  /**
   * {@link #qInto(double, RewardTable, LogPolicy, double, double, double[], double[])} for {@code
   * reward}, and in the same solve V_τ^π for a second reward {@code other} from a cold start into
   * {@code otherValues}: one assembly, the Krylov passes over the matrix shared. Both results equal
   * those of separate calls (the second that of {@link #values} with a null start) bit for bit.
   *
   * @return the achieved scaled residuals of {@code reward} and {@code other}
   */
  public double[] qInto(
      double gamma,
      RewardTable reward,
      LogPolicy policy,
      double tau,
      double tolerance,
      double[] q,
      double[] v,
      RewardTable other,
      double[] otherValues) {
    checkQ(q);
    check(gamma, reward, policy, tau, tolerance, v);
    check(gamma, other, policy, tau, tolerance, otherValues);
    Workspace ws = workspaces.get();
    double bNormA = assemble(ws, ws.first, gamma, policy, reward, tau);
    double bNormB = softReward(ws.second(), policy, other, tau);
    double[] residuals =
        solvePair(ws, gamma, tau, tolerance, bNormA, v, v, bNormB, null, otherValues);
    qFromValues(gamma, reward, v, q);
    return residuals;
  }

  private void checkStart(double[] start) {
    if (start != null && start.length != states) {
      throw new InvalidInputException(
          "start vector has " + start.length + " entries, expected " + states);
    }
  }

  /**
   * P_π by the precomputed scatter, then the block factors refreshed for it; with a reward, also b
   * = r_π − τ Σ π log π into {@code side.b} in the same pass, returning ‖b‖_∞ (else 0).
   */
  private double assemble(
      Workspace ws, Side side, double gamma, LogPolicy policy, RewardTable reward, double tau) {
    double[] pv = ws.pv;
    double[] b = side.b;
    double bNorm = 0;
    Arrays.fill(pv, 0.0);
    for (int s = 0; s < states; s++) {
      double acc = 0;
      for (int sa = s * actions; sa < (s + 1) * actions; sa++) {
        double p = policy.probability(sa);
        if (p > 0) {
          if (reward != null) {
            acc +=
                p * (tau == 0 ? reward.get(sa) : reward.get(sa) - tau * policy.logProbability(sa));
          }
          for (int k = kernelRow[sa]; k < kernelRow[sa + 1]; k++) {
            pv[slotOfEntry[k]] += p * kernelProb[k];
          }
        }
      }
      if (reward != null) {
        b[inv[s]] = acc;
        bNorm = Math.max(bNorm, Math.abs(acc));
      }
    }
    for (int c = 0; c + 1 < blockStart.length; c++) {
      int from = blockStart[c];
      int m = blockStart[c + 1] - from;
      if (m == 1) {
        int d = diagSlot[from];
        ws.diag[from] = 1.0 - (d >= 0 ? gamma * pv[d] : 0.0);
      } else {
        ws.factor(c).refresh(pv, gamma);
      }
    }
    return bNorm;
  }

  /** b = r_π − τ Σ π log π into {@code side.b} (internal order, same arithmetic as assemble). */
  private double softReward(Side side, LogPolicy policy, RewardTable reward, double tau) {
    double[] b = side.b;
    double bNorm = 0;
    for (int s = 0; s < states; s++) {
      double acc = 0;
      for (int sa = s * actions; sa < (s + 1) * actions; sa++) {
        double p = policy.probability(sa);
        if (p > 0) {
          acc += p * (tau == 0 ? reward.get(sa) : reward.get(sa) - tau * policy.logProbability(sa));
        }
      }
      b[inv[s]] = acc;
      bNorm = Math.max(bNorm, Math.abs(acc));
    }
    return bNorm;
  }

  /**
   * Loads {@code start} into {@code side.x} in the internal order; without one (a cold start), each
   * iterative block starts from b + γ/(1−γ) mean(b) 1 when it is closed (the exact solution for the
   * constant part of b, and the rest's first-order guess), from b otherwise: a function of b alone
   * (our choice; about half a product fewer per cold solve on Garnet(2000, 10, 10) than zeros).
   * Needs {@code side.b}.
   */
  private void load(Side side, double gamma, double[] start) {
    double[] x = side.x;
    if (!usesWarmStarts()) {
      // direct solves never read x before writing it: no start to load
    } else if (start == null) {
      Arrays.fill(x, 0.0);
      double[] b = side.b;
      for (int c = 0; c + 1 < blockStart.length; c++) {
        int from = blockStart[c];
        int to = blockStart[c + 1];
        if (to - from > DENSE_LIMIT) {
          double sum = 0;
          for (int i = from; i < to; i++) {
            sum += b[i];
          }
          double shift = closedBlock[c] ? gamma / (1 - gamma) * sum / (to - from) : 0.0;
          for (int i = from; i < to; i++) {
            x[i] = b[i] + shift;
          }
        }
      }
    } else {
      for (int i = 0; i < states; i++) {
        x[i] = start[perm[i]];
      }
    }
  }

  /** Solves for side.b on the assembled P_π, certifies, writes V (original order) into out. */
  private double solveAssembled(
      Workspace ws,
      Side side,
      double gamma,
      double bNorm,
      double tau,
      double tolerance,
      double[] start,
      double[] out) {
    load(side, gamma, start);
    double limit = tolerance * Math.max(1.0, bNorm);
    double norm = substitute(ws, side, gamma, side.b, side.x, limit);
    return certify(ws, side, gamma, bNorm, tau, tolerance, norm, out);
  }

  /**
   * {@link #solveAssembled} for {@code ws.first} and {@code ws.second} together: the
   * back-substitution visits each block once for both, a Krylov block solving the two systems in
   * lockstep ({@link BlockFactor#solvePair}); refinement, if any, runs per side as in the single
   * path, so each side's numbers equal those of a single solve.
   */
  private double[] solvePair(
      Workspace ws,
      double gamma,
      double tau,
      double tolerance,
      double bNormA,
      double[] startA,
      double[] outA,
      double bNormB,
      double[] startB,
      double[] outB) {
    Side a = ws.first;
    Side b = ws.second();
    load(a, gamma, startA);
    load(b, gamma, startB);
    double limitA = tolerance * Math.max(1.0, bNormA);
    double limitB = tolerance * Math.max(1.0, bNormB);
    double normA = 0;
    double normB = 0;
    for (int c = 0; c + 1 < blockStart.length; c++) {
      int from = blockStart[c];
      int to = blockStart[c + 1];
      if (to - from == 1) {
        normA = Math.max(normA, oneState(ws, a, gamma, a.b, a.x, from));
        normB = Math.max(normB, oneState(ws, b, gamma, b.b, b.x, from));
        continue;
      }
      localRhs(ws, gamma, a.b, a.x, a.local, from, to);
      localRhs(ws, gamma, b.b, b.x, b.local, from, to);
      BlockFactor factor = ws.factor(c);
      factor.solvePair(
          ws.pv, gamma, a.local, a.x, limitA, a.krylov, b.local, b.x, limitB, b.krylov);
      int shared = a.krylov.shared;
      krylovPairedPasses.add(shared);
      krylovPasses.add(a.krylov.products + b.krylov.products - 2L * shared);
      countStages(a.krylov);
      countStages(b.krylov);
      blockResiduals(ws, gamma, a, b, from, to);
      normA =
          Math.max(
              normA,
              finishBlock(
                  ws, a, factor, gamma, a.x, from, to, limitA, a.krylov.products, ws.norms[0]));
      normB =
          Math.max(
              normB,
              finishBlock(
                  ws, b, factor, gamma, b.x, from, to, limitB, b.krylov.products, ws.norms[1]));
    }
    double resA = certify(ws, a, gamma, bNormA, tau, tolerance, normA, outA);
    double resB = certify(ws, b, gamma, bNormB, tau, tolerance, normB, outB);
    return new double[] {resA, resB};
  }

  /**
   * Refinement while the residual misses the limit, then the certificate (a loud failure if it is
   * still missed), then V in the original order into {@code out}; returns the scaled residual.
   */
  private double certify(
      Workspace ws,
      Side side,
      double gamma,
      double bNorm,
      double tau,
      double tolerance,
      double norm,
      double[] out) {
    double[] x = side.x;
    double scale = Math.max(1.0, bNorm);
    double limit = tolerance * scale;
    for (int step = 0; step < MAX_REFINEMENTS && !(norm <= limit); step++) {
      double[] delta = side.delta;
      Arrays.fill(delta, 0.0);
      System.arraycopy(side.res, 0, side.rhs, 0, states);
      substitute(ws, side, gamma, side.rhs, delta, limit);
      for (int i = 0; i < states; i++) {
        x[i] += delta[i];
      }
      norm = residual(ws, side, gamma, side.b, x);
    }
    double scaled = norm / scale;
    if (!(scaled <= tolerance)) {
      throw new FedNpgException(
          "exact policy evaluation failed: scaled Bellman residual "
              + scaled
              + " exceeds "
              + tolerance
              + " ("
              + states
              + " states, gamma "
              + gamma
              + ", tau "
              + tau
              + ", largest component "
              + maxBlock
              + ")");
    }
    for (int i = 0; i < states; i++) {
      out[perm[i]] = x[i];
    }
    solves.increment();
    long bits = Double.doubleToLongBits(scaled);
    maxResidualBits.accumulateAndGet(bits, Math::max);
    return scaled;
  }

  private void check(
      double gamma,
      RewardTable reward,
      LogPolicy policy,
      double tau,
      double tolerance,
      double[] out) {
    if (!(gamma >= 0 && gamma < 1)) {
      throw new InvalidInputException("gamma must be in [0, 1), got " + gamma);
    }
    if (!(tau >= 0) || Double.isInfinite(tau)) {
      throw new InvalidInputException("tau must be finite and >= 0, got " + tau);
    }
    if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
      throw new InvalidInputException("tolerance must be finite and > 0, got " + tolerance);
    }
    Shapes.require(reward, policy, states, actions, "the MDP");
    if (out.length != states) {
      throw new InvalidInputException(
          "value buffer has " + out.length + " entries, expected " + states);
    }
  }

  /**
   * Block back-substitution: solves (I − γP_π) x = rhs over the internal numbering, x holding the
   * start on entry. The residual rhs − (I − γP_π) x of each block's rows is computed as soon as the
   * block is solved (every x it reads is final by then) and stored in {@code side.res}; a large
   * block whose residual exceeds {@code limit} is re-solved directly. Returns the max-norm of the
   * residual.
   */
  private double substitute(
      Workspace ws, Side side, double gamma, double[] rhs, double[] x, double limit) {
    double norm = 0;
    for (int c = 0; c + 1 < blockStart.length; c++) {
      int from = blockStart[c];
      int to = blockStart[c + 1];
      if (to - from == 1) {
        norm = Math.max(norm, oneState(ws, side, gamma, rhs, x, from));
        continue;
      }
      double[] y = side.local;
      localRhs(ws, gamma, rhs, x, y, from, to);
      BlockFactor factor = ws.factor(c);
      int products = factor.solve(ws.pv, gamma, y, x, limit, side.krylov);
      if (products > 0) {
        countStages(side.krylov);
      }
      krylovPasses.add(products);
      double blockNorm = blockResidual(ws, side, gamma, y, x, from, to);
      norm =
          Math.max(
              norm, finishBlock(ws, side, factor, gamma, x, from, to, limit, products, blockNorm));
    }
    return norm;
  }

  /**
   * A one-state component in closed form; its residual from the off-diagonal sum just formed (every
   * x(t) it reads is final) into {@code side.res}; returns |residual|.
   */
  private double oneState(Workspace ws, Side side, double gamma, double[] rhs, double[] x, int i) {
    double[] pv = ws.pv;
    double acc = rhs[i];
    for (int e = rowPtr[i]; e < rowPtr[i + 1]; e++) {
      int t = col[e];
      if (t != i) {
        acc += gamma * pv[e] * x[t];
      }
    }
    double d = ws.diag[i];
    double xi = acc / d;
    x[i] = xi;
    double r = acc - d * xi;
    side.res[i] = r;
    return Math.abs(r);
  }

  /** y = rhs + γ (entries into solved blocks) · x for the rows of the block from .. to. */
  private void localRhs(
      Workspace ws, double gamma, double[] rhs, double[] x, double[] y, int from, int to) {
    for (int i = from; i < to; i++) {
      y[i - from] =
          rhs[i] + gamma * SparseBlockFactor.rowDot(ws.pv, col, rowPtr[i], split[i], x, 0);
    }
  }

  /**
   * After a block solve that spent {@code products} Krylov products (0: direct) and left the
   * block's residual max-norm {@code blockNorm} (rows in {@code side.res}): if a Krylov solve
   * missed the limit, one restart from where it stopped, then the direct fallback. Returns the
   * block's residual max-norm.
   */
  private double finishBlock(
      Workspace ws,
      Side side,
      BlockFactor factor,
      double gamma,
      double[] x,
      int from,
      int to,
      double limit,
      int products,
      double blockNorm) {
    double[] pv = ws.pv;
    double[] y = side.local;
    if (products > 0) {
      if (!(blockNorm <= limit) && Double.isFinite(blockNorm)) {
        // the recursive residual drifted or the product budget ran out: one restart from here
        int more = factor.solve(pv, gamma, y, x, limit, side.krylov);
        countStages(side.krylov);
        krylovPasses.add(more);
        products += more;
        blockNorm = blockResidual(ws, side, gamma, y, x, from, to);
      }
      krylovSolves.increment();
      krylovProducts.add(products);
      if (!(blockNorm <= limit)) {
        fallbacks.increment();
        factor.solveDirect(pv, gamma, y, x);
        blockNorm = blockResidual(ws, side, gamma, y, x, from, to);
      }
    }
    return blockNorm;
  }

  /** Adds an iterative block solve's sweeps, and whether BiCGSTAB took over, to the counters. */
  private void countStages(KrylovScratch w) {
    if (w.products > 0) {
      sweepCount.add(w.sweeps);
      if (w.handedOver) {
        handoverCount.increment();
      }
    }
  }

  /** Stores y − (I − γP_π) x for the block's rows in {@code side.res}; returns the max-norm. */
  private double blockResidual(
      Workspace ws, Side side, double gamma, double[] y, double[] x, int from, int to) {
    double[] pv = ws.pv;
    double[] res = side.res;
    double norm = 0;
    for (int i = from; i < to; i++) {
      double acc = SparseBlockFactor.rowDot(pv, col, split[i], rowPtr[i + 1], x, 0);
      double r = y[i - from] - (x[i] - gamma * acc);
      res[i] = r;
      norm = Math.max(norm, Math.abs(r));
    }
    return norm;
  }

  /**
   * {@link #blockResidual} for both sides in one pass over the block's entries (the same arithmetic
   * per side); the max-norms into {@code ws.norms}.
   */
  private void blockResiduals(Workspace ws, double gamma, Side a, Side b, int from, int to) {
    double[] pv = ws.pv;
    double[] xa = a.x;
    double[] xb = b.x;
    double[] ya = a.local;
    double[] yb = b.local;
    double[] two = ws.norms;
    double normA = 0;
    double normB = 0;
    for (int i = from; i < to; i++) {
      SparseBlockFactor.rowDots(pv, col, split[i], rowPtr[i + 1], xa, xb, two, 0);
      double ra = ya[i - from] - (xa[i] - gamma * two[0]);
      double rb = yb[i - from] - (xb[i] - gamma * two[1]);
      a.res[i] = ra;
      b.res[i] = rb;
      normA = Math.max(normA, Math.abs(ra));
      normB = Math.max(normB, Math.abs(rb));
    }
    two[0] = normA;
    two[1] = normB;
  }

  /** Stores b − (I − γP_π) x in {@code side.res} and returns its max-norm. */
  private double residual(Workspace ws, Side side, double gamma, double[] b, double[] x) {
    double[] pv = ws.pv;
    double[] res = side.res;
    double norm = 0;
    for (int i = 0; i < states; i++) {
      double acc = SparseBlockFactor.rowDot(pv, col, rowPtr[i], rowPtr[i + 1], x, 0);
      double r = b[i] - (x[i] - gamma * acc);
      res[i] = r;
      norm = Math.max(norm, Math.abs(r));
    }
    return norm;
  }

  /** One right-hand side's vectors: b, the iterate, residuals and the Krylov scratch. */
  private final class Side {
    final double[] b = new double[states];
    final double[] res = new double[states];
    final double[] rhs = new double[states];
    final double[] delta = new double[states];
    final double[] x = new double[states];
    final double[] local = new double[maxBlock];
    final KrylovScratch krylov = new KrylovScratch(maxBlock > DENSE_LIMIT ? maxBlock : 0);
  }

  /** One thread's P_π entries, block factors and the vectors of up to two right-hand sides. */
  private final class Workspace {
    final double[] pv = new double[col.length];
    final double[] diag = new double[states];
    final double[] out = new double[states];
    final double[] norms = new double[2];
    final Side first = new Side();
    private Side second;
    final BlockFactor[] factors = new BlockFactor[blockStart.length - 1];

    Side second() {
      if (second == null) {
        second = new Side();
      }
      return second;
    }

    BlockFactor factor(int c) {
      BlockFactor f = factors[c];
      if (f == null) {
        int from = blockStart[c];
        int m = blockStart[c + 1] - from;
        f =
            m > DENSE_LIMIT
                ? new SparseBlockFactor(
                    from, m, rowPtr, col, split, diagSlot, largeBlocks == LargeBlocks.SPARSE_LU)
                : new DenseBlockFactor(from, m, rowPtr, col, split);
        factors[c] = f;
      }
      return f;
    }
  }
}
