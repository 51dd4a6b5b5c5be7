package org.fednpg.core.theory;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fednpg.api.Topology;
import org.fednpg.api.model.MixingMatrix;

/**
 * The manifest's {@code theory} block of a federated NPG run (README "The manifest's theory
 * block"): for τ &gt; 0 Lemma D.2's ρ = ‖A(η)‖₂, the certified steps and Theorem 3.6's rate bound;
 * for τ = 0 Theorem 3.3's η₁ and step size for the run's T. Values are computed once from σ, η, τ,
 * γ, N and |A|; numbers that do not exist (no certified η, an infinite bound) are null.
 *
 * @param tracking whether the algorithm is FedNPG with Q-tracking (the algorithm the paper's
 *     analysis covers); false for the naive baseline, whose block is for comparison only
 * @param sigma σ = ‖W − 11ᵀ/N‖₂ of the nominal W
 * @param symmetric whether W^(0) is symmetric (entries within 1e-12)
 * @param doublyStochastic whether W^(0) is non-negative with rows and columns summing to 1
 *     (±1e-12·N)
 * @param timeVarying whether W changes from round to round (the analysis assumes one fixed W)
 * @param eta η
 * @param tau τ
 * @param gamma γ
 * @param agents N
 * @param actions |A|
 */
public record NpgTheory(
    boolean tracking,
    double sigma,
    boolean symmetric,
    boolean doublyStochastic,
    boolean timeVarying,
    double eta,
    double tau,
    double gamma,
    int agents,
    int actions) {

  /**
   * Reads σ and the structure of W from a topology: σ is the topology's own (nominal) value, or,
   * when that is not finite, ‖W^(0) − 11ᵀ/N‖₂ computed here.
   */
  public static NpgTheory of(
      boolean tracking, Topology topology, double eta, double tau, double gamma, int actions) {
    MixingMatrix w = topology.mixing(0);
    double[][] rows = w.toArray();
    double sigma = topology.sigma();
    if (!Double.isFinite(sigma)) {
      sigma = SpectralNorm.sigma(rows);
    }
    return new NpgTheory(
        tracking,
        sigma,
        symmetric(rows),
        doublyStochastic(rows),
        topology.isTimeVarying(),
        eta,
        tau,
        gamma,
        topology.agents(),
        actions);
  }

  /** Whether |W_ij − W_ji| ≤ 1e-12 for all i, j. */
  public static boolean symmetric(double[][] w) {
    for (int i = 0; i < w.length; i++) {
      for (int j = i + 1; j < w.length; j++) {
        if (Math.abs(w[i][j] - w[j][i]) > 1e-12) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether every entry is ≥ 0 and every row and column sums to 1 within 1e-12·N. */
  public static boolean doublyStochastic(double[][] w) {
    int n = w.length;
    double tol = 1e-12 * n;
    for (int i = 0; i < n; i++) {
      double row = 0;
      double col = 0;
      for (int j = 0; j < n; j++) {
        if (w[i][j] < 0) {
          return false;
        }
        row += w[i][j];
        col += w[j][i];
      }
      if (Math.abs(row - 1) > tol || Math.abs(col - 1) > tol) {
        return false;
      }
    }
    return true;
  }

  /** Assumption 3.1: one fixed W, symmetric, doubly stochastic, σ &lt; 1. */
  public boolean assumption31() {
    return !timeVarying && symmetric && doublyStochastic && sigma < 1;
  }

  /**
   * The block for a run of {@code iterations} iterations (T enters only Theorem 3.3's step size;
   * pass 0 when unknown, which writes it as null). Keys in a fixed order.
   */
  public Map<String, Object> report(long iterations) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "result",
        tau > 0
            ? "Lemma D.2 / Theorem 3.6 (entropy-regularised FedNPG)"
            : "Theorem 3.3 (vanilla FedNPG)");
    m.put("covers_algorithm", tracking);
    m.put("sigma", sigma);
    m.put("eta", eta);
    m.put("tau", tau);
    m.put("gamma", gamma);
    m.put("agents", agents);
    m.put("actions", actions);
    m.put("symmetric", symmetric);
    m.put("doubly_stochastic", doublyStochastic);
    m.put("time_varying", timeVarying);
    m.put("assumption_3_1", assumption31());
    if (tau > 0) {
      m.put("tau_assumption", tau <= Math.min(1, 1 / Math.log(actions)));
      LemmaD2 lemma = new LemmaD2(sigma, tau, gamma, agents, actions);
      double rho = lemma.rho(eta);
      LemmaD2.Interval cert = lemma.certified();
      m.put("alpha", lemma.alpha(eta));
      m.put("M", lemma.m());
      m.put("S", lemma.s(eta));
      m.put("rho", finite(rho));
      m.put("eta_within_certificate", rho < 1);
      m.put("eta0", cert == null ? null : cert.high());
      m.put("eta0_low", cert == null ? null : cert.low());
      m.put("rate_bound", lemma.rateBound(eta));
    } else {
      double eta1 = Theorem33.eta1(sigma, gamma, agents);
      m.put("eta1", finite(eta1));
      m.put("eta_within_eta1", eta <= eta1);
      m.put("consensus_bound", finite(Theorem33.consensusBound(sigma, gamma, agents, eta)));
      m.put("iterations", iterations);
      double step = Theorem33.step(sigma, gamma, agents, actions, iterations);
      m.put("eta_theorem_3_3", finite(step));
      m.put("eta_theorem_3_3_within_eta1", step <= eta1);
    }
    return m;
  }

  private static Double finite(double x) {
    return Double.isFinite(x) ? x : null;
  }
}
