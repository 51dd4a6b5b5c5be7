package org.fednpg.evaluators;

import org.fednpg.api.FedNpgException;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.QEstimate;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;

/**
 * Exact (soft) policy evaluation on one transition kernel: solves
 * (I − γP_π) V = r_π − τ Σ_a π log π with P_π(s, s') = Σ_a π(a|s) P(s'|s, a), then
 * Q = r + γ P V (SPEC §4).
 *
 * <p>Why it is fast: softmax policies have full support, so the sparsity pattern of P_π is the
 * union over actions of the kernel's support and does not depend on the policy. The constructor
 * computes that pattern and the strongly connected components of the state graph once, in reverse
 * topological order; each solve is then a block back-substitution. A one-state component is
 * solved in closed form, V(s) = (b(s) + γ Σ_{s'≠s} P_π(s,s') V(s')) / (1 − γ P_π(s,s)), so a
 * gridworld (a DAG with self-loops) costs O(nnz) per solve. Components of up to
 * {@value #DENSE_LIMIT} states use a dense LU; larger ones ILU(0)-preconditioned GMRES, falling
 * back to EJML's sparse LU within the same call when GMRES stalls. A dense |S|×|S| inverse is
 * never formed. The path taken depends only on the inputs, so results are deterministic.
 *
 * <p>Accuracy guarantee: after each solve the scaled residual
 * ‖(I − γP_π)V − b‖_∞ / max(1, ‖b‖_∞) is computed; it is driven below {@value #REFINE_ABOVE} by up
 * to {@value #MAX_REFINEMENTS} steps of iterative refinement, and a {@link FedNpgException} is
 * thrown if it still exceeds {@value #RESIDUAL_LIMIT}: wrong numbers are never returned silently.
 *
 * <p>Thread-safe: the structure is immutable and every thread gets its own scratch buffers. Use
 * {@link #of(TransitionKernel)} to share one instance per kernel.
 */
public final class BellmanSolver {

  /** Largest component solved with a dense LU. */
  public static final int DENSE_LIMIT = 200;
  /** Guaranteed bound on the scaled Bellman residual of every returned solution (SPEC §4). */
  public static final double RESIDUAL_LIMIT = 1e-10;
  /** Refinement continues while the scaled residual is above this. */
  static final double REFINE_ABOVE = 1e-12;
  /** Root-mean-square residual GMRES aims for in a large block, relative to max(1, ‖b‖_∞). */
  static final double BLOCK_TARGET = 1e-13;
  static final int MAX_REFINEMENTS = 3;

  private static final int CACHE_SIZE = 4;
  private static final BellmanSolver[] CACHE = new BellmanSolver[CACHE_SIZE];

  private final TransitionKernel kernel;
  private final int states;
  private final int actions;
  private final int[] kernelRow;
  private final int[] kernelNext;
  private final double[] kernelProb;
  /** P_π pattern: CSR over states, the union of next states over actions. */
  private final int[] rowPtr;
  private final int[] col;
  /** For each kernel entry, its slot in the P_π pattern. */
  private final int[] slotOfEntry;
  /** Slot of P_π(s, s), or −1. */
  private final int[] diagSlot;
  private final StronglyConnectedComponents blocks;
  private final int[] localIndex;
  private final int maxBlock;
  /** Large blocks' patterns, indexed by component (null for small blocks). */
  private final SparseBlock[] sparse;
  /** Test hook: solve large blocks by sparse LU directly instead of GMRES first. */
  private volatile boolean forceSparseLu;
  private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);

  /** Precomputes the pattern and block structure of {@code kernel}. Costs O(nnz log b). */
  public BellmanSolver(TransitionKernel kernel) {
    this.kernel = kernel;
    this.states = kernel.states();
    this.actions = kernel.actions();
    this.kernelRow = kernel.rowPointerCopy();
    this.kernelNext = kernel.nextStatesCopy();
    this.kernelProb = kernel.probabilitiesCopy();
    this.slotOfEntry = new int[kernelNext.length];
    this.rowPtr = new int[states + 1];
    this.diagSlot = new int[states];
    int[] mark = new int[states];
    java.util.Arrays.fill(mark, -1);
    int[] colTmp = new int[kernelNext.length];
    int nnz = 0;
    for (int s = 0; s < states; s++) {
      int rowBegin = nnz;
      for (int k = kernelRow[s * actions]; k < kernelRow[(s + 1) * actions]; k++) {
        int t = kernelNext[k];
        if (mark[t] < rowBegin) {
          colTmp[nnz++] = t;
          mark[t] = Integer.MAX_VALUE;
        }
      }
      java.util.Arrays.sort(colTmp, rowBegin, nnz);
      diagSlot[s] = -1;
      for (int j = rowBegin; j < nnz; j++) {
        mark[colTmp[j]] = j;
        if (colTmp[j] == s) {
          diagSlot[s] = j;
        }
      }
      for (int k = kernelRow[s * actions]; k < kernelRow[(s + 1) * actions]; k++) {
        slotOfEntry[k] = mark[kernelNext[k]];
      }
      rowPtr[s + 1] = nnz;
    }
    this.col = java.util.Arrays.copyOf(colTmp, nnz);
    this.blocks = StronglyConnectedComponents.of(states, rowPtr, col);
    this.localIndex = new int[states];
    int largest = 0;
    this.sparse = new SparseBlock[blocks.count()];
    for (int c = 0; c < blocks.count(); c++) {
      int from = blocks.start[c];
      int size = blocks.start[c + 1] - from;
      largest = Math.max(largest, size);
      for (int i = 0; i < size; i++) {
        localIndex[blocks.order[from + i]] = i;
      }
      if (size > DENSE_LIMIT) {
        int[] members = java.util.Arrays.copyOfRange(blocks.order, from, from + size);
        sparse[c] = new SparseBlock(members, blocks.component, localIndex, rowPtr, col);
      }
    }
    this.maxBlock = largest;
  }

  /**
   * A shared solver for {@code kernel}, reused while the same kernel instance is among the few
   * most recently used (compared by identity, so the lookup costs nothing).
   */
  public static BellmanSolver of(TransitionKernel kernel) {
    synchronized (CACHE) {
      for (int i = 0; i < CACHE_SIZE; i++) {
        BellmanSolver cached = CACHE[i];
        if (cached != null && cached.kernel == kernel) {
          System.arraycopy(CACHE, 0, CACHE, 1, i);
          CACHE[0] = cached;
          return cached;
        }
      }
    }
    BellmanSolver created = new BellmanSolver(kernel);
    synchronized (CACHE) {
      System.arraycopy(CACHE, 0, CACHE, 1, CACHE_SIZE - 1);
      CACHE[0] = created;
    }
    return created;
  }

  /** Forces (or stops forcing) the sparse LU path for large components; for tests. */
  void preferSparseLu(boolean force) {
    forceSparseLu = force;
  }

  /** The kernel this solver was built for. */
  public TransitionKernel kernel() {
    return kernel;
  }

  /** Number of strongly connected components of the state graph. */
  public int components() {
    return blocks.count();
  }

  /** Size of the largest strongly connected component. */
  public int largestComponent() {
    return maxBlock;
  }

  /** V_τ^π and Q_τ^π for one reward and policy. */
  public PolicyEvaluation evaluate(double gamma, RewardTable reward, LogPolicy policy, double tau) {
    double[] v = new double[states];
    double residual = values(gamma, reward, policy, tau, v);
    double[] q = new double[states * actions];
    qFromValues(gamma, reward, v, q);
    return new PolicyEvaluation(states, actions, v, q, residual);
  }

  /** Q_τ^π only, with no intermediate allocation beyond the returned estimate (0 samples). */
  public QEstimate q(double gamma, RewardTable reward, LogPolicy policy, double tau) {
    Workspace ws = workspaces.get();
    values(gamma, reward, policy, tau, ws.out);
    qFromValues(gamma, reward, ws.out, ws.q);
    return QEstimate.of(states, actions, ws.q, 0);
  }

  /**
   * Q_τ^π written into {@code out} (length |S||A|), the same numbers as {@link #q}.
   *
   * @throws InvalidInputException on a wrong buffer length
   */
  public void qInto(double gamma, RewardTable reward, LogPolicy policy, double tau, double[] out) {
    if (out.length != states * actions) {
      throw new InvalidInputException(
          "Q buffer has " + out.length + " entries, expected " + states * actions);
    }
    Workspace ws = workspaces.get();
    values(gamma, reward, policy, tau, ws.out);
    qFromValues(gamma, reward, ws.out, out);
  }

  private void qFromValues(double gamma, RewardTable reward, double[] v, double[] q) {
    for (int sa = 0; sa < states * actions; sa++) {
      double acc = 0;
      for (int k = kernelRow[sa]; k < kernelRow[sa + 1]; k++) {
        acc += kernelProb[k] * v[kernelNext[k]];
      }
      q[sa] = reward.get(sa) + gamma * acc;
    }
  }

  /** V_τ^π(ρ) = Σ_s ρ(s) V_τ^π(s), without computing Q. */
  public double value(double gamma, RewardTable reward, LogPolicy policy, double tau, double[] rho) {
    if (rho.length != states) {
      throw new InvalidInputException(
          "initial distribution has " + rho.length + " entries, expected " + states);
    }
    double[] v = workspaces.get().out;
    values(gamma, reward, policy, tau, v);
    double sum = 0;
    for (int s = 0; s < states; s++) {
      sum += rho[s] * v[s];
    }
    return sum;
  }

  /**
   * Writes V_τ^π into {@code out} (length |S|) and returns the achieved scaled residual.
   *
   * @throws InvalidInputException if shapes, γ or τ are invalid
   * @throws FedNpgException if the residual guarantee cannot be met
   */
  public double values(double gamma, RewardTable reward, LogPolicy policy, double tau,
      double[] out) {
    check(gamma, reward, policy, tau, out);
    Workspace ws = workspaces.get();
    double[] b = ws.b;
    double[] pv = ws.pv;
    double bNorm = 0;
    java.util.Arrays.fill(pv, 0.0);
    for (int s = 0; s < states; s++) {
      double acc = 0;
      for (int sa = s * actions; sa < (s + 1) * actions; sa++) {
        double lp = policy.logProbability(sa);
        double p = policy.probability(sa);
        if (p > 0) {
          acc += p * (tau == 0 ? reward.get(sa) : reward.get(sa) - tau * lp);
          for (int k = kernelRow[sa]; k < kernelRow[sa + 1]; k++) {
            pv[slotOfEntry[k]] += p * kernelProb[k];
          }
        }
      }
      b[s] = acc;
      bNorm = Math.max(bNorm, Math.abs(acc));
    }
    double[] v = out;
    double scale = Math.max(1.0, bNorm);
    ws.target = BLOCK_TARGET * scale;
    double scaled = substitute(ws, gamma, b, v, true) / scale;
    for (int step = 0; step < MAX_REFINEMENTS && !(scaled <= REFINE_ABOVE); step++) {
      ws.target = 1e-3 * scaled * scale;
      substitute(ws, gamma, ws.res, ws.delta, false);
      for (int s = 0; s < states; s++) {
        v[s] += ws.delta[s];
      }
      scaled = residual(ws, gamma, b, v) / scale;
    }
    if (!(scaled <= RESIDUAL_LIMIT)) {
      throw new FedNpgException(
          "exact policy evaluation failed: scaled Bellman residual " + scaled + " exceeds "
              + RESIDUAL_LIMIT + " (" + states + " states, gamma " + gamma + ", tau " + tau
              + ", largest component " + maxBlock + ")");
    }
    return scaled;
  }

  private void check(double gamma, RewardTable reward, LogPolicy policy, double tau,
      double[] out) {
    if (!(gamma >= 0 && gamma < 1)) {
      throw new InvalidInputException("gamma must be in [0, 1), got " + gamma);
    }
    if (!(tau >= 0) || Double.isInfinite(tau)) {
      throw new InvalidInputException("tau must be finite and >= 0, got " + tau);
    }
    if (reward.states() != states || reward.actions() != actions) {
      throw new InvalidInputException("reward is " + reward.states() + "x" + reward.actions()
          + " but the MDP has " + states + " states and " + actions + " actions");
    }
    if (policy.states() != states || policy.actions() != actions) {
      throw new InvalidInputException("policy is " + policy.states() + "x" + policy.actions()
          + " but the MDP has " + states + " states and " + actions + " actions");
    }
    if (out.length != states) {
      throw new InvalidInputException(
          "value buffer has " + out.length + " entries, expected " + states);
    }
  }

  /** Factors block {@code c} (more than one state) of I − γP_π for the current P_π. */
  private void factorBlock(Workspace ws, double gamma, int c) {
    double[] pv = ws.pv;
    int from = blocks.start[c];
    int m = blocks.start[c + 1] - from;
    if (sparse[c] != null) {
      SparseBlockSolver solver = (SparseBlockSolver) ws.factors[c];
      if (solver == null) {
        solver = new SparseBlockSolver(sparse[c]);
        ws.factors[c] = solver;
      }
      solver.factor(pv, gamma, forceSparseLu);
      return;
    }
    double[] lu = (double[]) ws.factors[c];
    if (lu == null) {
      lu = new double[m * m];
      ws.factors[c] = lu;
      ws.pivots[c] = new int[m];
    } else {
      java.util.Arrays.fill(lu, 0.0);
    }
    for (int i = 0; i < m; i++) {
      int s = blocks.order[from + i];
      lu[i * m + i] = 1.0;
      for (int k = rowPtr[s]; k < rowPtr[s + 1]; k++) {
        int t = col[k];
        if (blocks.component[t] == c) {
          lu[i * m + localIndex[t]] -= gamma * pv[k];
        }
      }
    }
    if (!DenseLu.factor(lu, m, ws.pivots[c])) {
      throw new FedNpgException("exact policy evaluation: singular block of size " + m);
    }
  }

  /**
   * Block back-substitution: solves (I − γP_π) x = rhs. With {@code factor} set, each block is
   * factored just before it is solved (one pass over the states), and the residual
   * rhs − (I − γP_π) x of each block's rows is computed as soon as the block is solved (all the
   * x it reads are final by then, so it equals {@link #residual} bit for bit) and stored in
   * {@code ws.res}; its max-norm is returned. Otherwise the stored factors of the last factoring
   * pass are reused (iterative refinement) and the return value is 0.
   */
  private double substitute(Workspace ws, double gamma, double[] rhs, double[] x,
      boolean factor) {
    double norm = 0;
    double[] pv = ws.pv;
    int[] order = blocks.order;
    int[] start = blocks.start;
    int[] component = blocks.component;
    for (int c = 0; c < start.length - 1; c++) {
      int from = start[c];
      int m = start[c + 1] - from;
      if (m == 1) {
        int s = order[from];
        if (factor) {
          int d = diagSlot[s];
          ws.diag[s] = 1.0 - (d >= 0 ? gamma * pv[d] : 0.0);
        }
        double acc = rhs[s];
        for (int k = rowPtr[s]; k < rowPtr[s + 1]; k++) {
          int t = col[k];
          if (t != s) {
            acc += gamma * pv[k] * x[t];
          }
        }
        double xs = acc / ws.diag[s];
        x[s] = xs;
        if (factor) {
          // this row's residual rhs − (I − γP_π)x from the off-diagonal sum just formed: every
          // x(t) it reads is final, so no second pass over the row is needed
          double r = acc - ws.diag[s] * xs;
          ws.res[s] = r;
          norm = Math.max(norm, Math.abs(r));
        }
        continue;
      }
      if (factor) {
        factorBlock(ws, gamma, c);
      }
      double[] y = ws.local;
      for (int i = 0; i < m; i++) {
        int s = order[from + i];
        double acc = rhs[s];
        for (int k = rowPtr[s]; k < rowPtr[s + 1]; k++) {
          int t = col[k];
          if (component[t] != c) {
            acc += gamma * pv[k] * x[t];
          }
        }
        y[i] = acc;
      }
      if (sparse[c] != null) {
        SparseBlockSolver solver = (SparseBlockSolver) ws.factors[c];
        solver.solve(y, ws.local2, ws.target);
        System.arraycopy(ws.local2, 0, y, 0, m);
      } else {
        DenseLu.solve((double[]) ws.factors[c], m, ws.pivots[c], y);
      }
      for (int i = 0; i < m; i++) {
        x[order[from + i]] = y[i];
      }
      if (factor) {
        for (int i = 0; i < m; i++) {
          norm = Math.max(norm, rowResidual(ws, gamma, rhs, x, order[from + i]));
        }
      }
    }
    return norm;
  }

  /** Stores b(s) − (x(s) − γ Σ_t P_π(s,t) x(t)) in {@code ws.res[s]} and returns its size. */
  private double rowResidual(Workspace ws, double gamma, double[] b, double[] x, int s) {
    double[] pv = ws.pv;
    double acc = 0;
    for (int k = rowPtr[s]; k < rowPtr[s + 1]; k++) {
      acc += pv[k] * x[col[k]];
    }
    double r = b[s] - (x[s] - gamma * acc);
    ws.res[s] = r;
    return Math.abs(r);
  }

  /** Stores b − (I − γP_π) v in {@code ws.res} and returns its max-norm. */
  private double residual(Workspace ws, double gamma, double[] b, double[] v) {
    double[] pv = ws.pv;
    double[] res = ws.res;
    double norm = 0;
    for (int s = 0; s < states; s++) {
      double acc = 0;
      for (int k = rowPtr[s]; k < rowPtr[s + 1]; k++) {
        acc += pv[k] * v[col[k]];
      }
      double r = b[s] - (v[s] - gamma * acc);
      res[s] = r;
      norm = Math.max(norm, Math.abs(r));
    }
    return norm;
  }

  /** One thread's scratch space. */
  private final class Workspace {
    final double[] b = new double[states];
    final double[] pv = new double[col.length];
    final double[] diag = new double[states];
    final double[] res = new double[states];
    final double[] delta = new double[states];
    final double[] out = new double[states];
    final double[] q = new double[states * actions];
    final double[] local = new double[maxBlock];
    final double[] local2 = new double[maxBlock];
    final Object[] factors = new Object[blocks.count()];
    final int[][] pivots = new int[blocks.count()][];
    double target;
  }
}
