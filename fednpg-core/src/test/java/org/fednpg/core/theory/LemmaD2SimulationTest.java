package org.fednpg.core.theory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import org.fednpg.api.Topology;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MixingMatrix;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.run.Algorithm;
import org.fednpg.core.DenseEvaluator;
import org.fednpg.core.Harness;
import org.fednpg.core.TestTopologies;
import org.fednpg.core.algorithms.FedNpgProvider;
import org.fednpg.core.algorithms.NpgAgent;
import org.fednpg.core.oracle.ValueIteration;
import org.fednpg.testing.RandomMdps;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lemma D.2 checked by simulation (PAPER.md §2): entropy-regularised FedNPG runs with exact
 * evaluation on a seeded Garnet, and beside it this test runs the paper's auxiliary sequences ξ_n,
 * ξ̄ from their definitions (Appendix D.1), computes Ω^(t) = (Ω₁, Ω₂, Ω₃, Ω₄) every iteration and
 * checks Ω^(t+1) ≤ A(η)Ω^(t) entrywise and ‖Ω^(t)‖₂ ≤ ρ^t‖Ω^(0)‖₂. Everything on the test's side is
 * independent of the code under test except the agents' own iterates (π_n^(t), T_n^(t)): Q_τ* from
 * the value-iteration oracle, the soft Q of each policy by a dense solve, σ and ‖A‖₂ by EJML. The
 * certified step needs a small γ and σ (at γ = 0.99 no η is certified: see {@link
 * LemmaD2Test#noStepIsCertifiedAtThePapersDiscount()}), hence γ = 0.2, τ = 0.5 (≤ min{1, 1/log|A|})
 * and W = εI + (1−ε)11ᵀ/N with ε = σ = 0.05, which satisfies Assumption 3.1.
 *
 * <p>Rounding tolerance: the Ω's are maxima of differences of numbers as large as L = max |log ξ|,
 * |T|, |Q̄| over the run (a few at γ = 0.2, ~2e4 at γ = 0.99, τ = 0.005) computed to a few ulps; we
 * allow (AΩ)_i·(1 + 1e-9) + 1e-13·max(1, L). The logged worst ratios are taken where (AΩ)_i &gt;
 * 1e-8, far above that allowance.
 */
class LemmaD2SimulationTest {

  private static final Logger LOG = LoggerFactory.getLogger(LemmaD2SimulationTest.class);

  private static final double GAMMA = 0.2;
  private static final double TAU = 0.5;
  private static final int AGENTS = 3;
  private static final double EPS = 0.05;
  private static final int ITERATIONS = 60;
  private static final double REL = 1e-9;
  private static final double ABS = 1e-13;

  /** Below this (A Ω)_i the ratio is rounding noise (1e-17 absolute on 1e-10 is 1e-7 relative). */
  private static final double RATIO_FLOOR = 1e-8;

  private static final MultiTaskMdp MDP = RandomMdps.create(23, 6, 2, 2, AGENTS, GAMMA);

  /** What one simulation measured. */
  record Measured(
      List<double[]> omega,
      double[] worstRatio,
      int[] worstT,
      double worstPolicyMismatch,
      double scale) {

    /** Absolute rounding allowance: 1e-13 of the largest magnitude the Ω's are differences of. */
    double abs() {
      return ABS * Math.max(1, scale);
    }
  }

  @Test
  void omegaContractsAsLemmaD2States() {
    MixingMatrix w = mixing();
    double sigma = sigma(w);
    assertThat(Math.abs(sigma - EPS)).isLessThan(Tolerances.EXACT); // closed form: σ = ε
    LemmaD2 lemma = new LemmaD2(sigma, TAU, GAMMA, AGENTS, MDP.actions());
    LemmaD2.Interval cert = lemma.certified();
    assertThat(cert).as("a certified step exists at this (σ, τ, γ)").isNotNull();
    for (double eta : new double[] {0.5 * (cert.low() + cert.high()), cert.high()}) {
      double[][] a = lemma.matrix(eta);
      double rho = NormOps_DDRM.normP2(new DMatrixRMaj(a));
      // η₀ is the last η with ‖A‖₂ < 1 by our computation; EJML may land a few ulps above 1 there
      assertThat(rho).isLessThan(1 + 1e-12);
      Measured m = simulate(MDP, w, eta, TAU, a, ITERATIONS);
      LOG.info(
          "Lemma D.2 at eta = {} (certified [{}, {}]), rho = {}: worst ratio "
              + "Omega_i(t+1) / (A Omega(t))_i per row i = 1..4 (where (A Omega)_i > 1e-8) = {} at "
              + "t = {}; Omega(0) = {}, Omega({}) = {}",
          eta,
          cert.low(),
          cert.high(),
          rho,
          java.util.Arrays.toString(m.worstRatio()),
          java.util.Arrays.toString(m.worstT()),
          java.util.Arrays.toString(m.omega().get(0)),
          ITERATIONS,
          java.util.Arrays.toString(m.omega().get(ITERATIONS)));
      assertThat(m.worstPolicyMismatch()).isLessThan(Tolerances.EXACT);
      for (int t = 0; t < ITERATIONS; t++) {
        double[] now = m.omega().get(t);
        double[] next = m.omega().get(t + 1);
        double[] bound = times(a, now);
        for (int i = 0; i < 4; i++) {
          assertThat(next[i])
              .as("Omega_%d(t+1) at t = %d, eta = %s", i + 1, t, eta)
              .isLessThanOrEqualTo(bound[i] * (1 + REL) + m.abs());
        }
      }
      double norm0 = norm(m.omega().get(0));
      for (int t = 0; t <= ITERATIONS; t++) {
        assertThat(norm(m.omega().get(t)))
            .as("||Omega(%d)||", t)
            .isLessThanOrEqualTo(Math.pow(rho, t) * norm0 * (1 + REL) + m.abs());
      }
      // the run is not trivial: Ω starts away from 0 and each component is active at some t
      assertThat(norm0).isGreaterThan(1e-3);
    }
  }

  /**
   * The lemma itself (Ω^(t+1) ≤ A(η)Ω^(t)) does not assume ‖A(η)‖₂ &lt; 1, only 0 &lt; η ≤ (1−γ)/τ
   * and Assumption 3.1; so it is checked also where nothing is certified: a step below the
   * certified interval, and γ = 0.9 and 0.99 on a symmetric ring (the paper's γ, τ and η).
   */
  @Test
  void entrywiseInequalityHoldsOutsideTheCertificate() {
    LemmaD2 small = new LemmaD2(EPS, TAU, GAMMA, AGENTS, MDP.actions());
    double below = 0.5 * small.certified().low();
    check("gamma 0.2, eta below the certified interval", MDP, mixing(), below, TAU, ITERATIONS);
    MultiTaskMdp g9 = RandomMdps.create(29, 6, 2, 2, 5, 0.9);
    MixingMatrix ring = TestTopologies.ring(5).mixing(0);
    check("gamma 0.9, ring N=5", g9, ring, 0.1, 0.05, 200);
    MultiTaskMdp g99 = RandomMdps.create(31, 6, 2, 2, 5, 0.99);
    check("gamma 0.99, ring N=5, paper's eta and tau", g99, ring, 0.1, 0.005, 200);
  }

  private static void check(
      String label, MultiTaskMdp mdp, MixingMatrix w, double eta, double tau, int iterations) {
    LemmaD2 lemma = new LemmaD2(sigma(w), tau, mdp.gamma(), mdp.agents(), mdp.actions());
    double[][] a = lemma.matrix(eta);
    Measured m = simulate(mdp, w, eta, tau, a, iterations);
    LOG.info(
        "Lemma D.2 ({}): eta = {}, rho = {}; worst ratio Omega_i(t+1) / (A Omega(t))_i per "
            + "row (where (A Omega)_i > 1e-8) = {} at t = {}; rounding allowance {}",
        label,
        eta,
        lemma.rho(eta),
        java.util.Arrays.toString(m.worstRatio()),
        java.util.Arrays.toString(m.worstT()),
        m.abs());
    assertThat(m.worstPolicyMismatch()).isLessThan(Tolerances.EXACT);
    for (int t = 0; t < iterations; t++) {
      double[] bound = times(a, m.omega().get(t));
      for (int i = 0; i < 4; i++) {
        assertThat(m.omega().get(t + 1)[i])
            .as("%s: Omega_%d(t+1) at t = %d", label, i + 1, t)
            .isLessThanOrEqualTo(bound[i] * (1 + REL) + m.abs());
      }
    }
  }

  /** W = εI + (1−ε)11ᵀ/N: symmetric, doubly stochastic, σ = ε. */
  static MixingMatrix mixing() {
    double[][] w = new double[AGENTS][AGENTS];
    for (int i = 0; i < AGENTS; i++) {
      for (int j = 0; j < AGENTS; j++) {
        w[i][j] = (1 - EPS) / AGENTS + (i == j ? EPS : 0);
      }
    }
    return MixingMatrix.of(w);
  }

  static double sigma(MixingMatrix w) {
    int n = w.size();
    DMatrixRMaj d = new DMatrixRMaj(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        d.set(i, j, w.weight(i, j) - 1.0 / n);
      }
    }
    return NormOps_DDRM.normP2(d);
  }

  /** Runs FedNPG at step η and the auxiliary sequences beside it; Ω^(0..ITERATIONS). */
  static Measured simulate(
      MultiTaskMdp mdp, MixingMatrix w, double eta, double tau, double[][] a, int iterations) {
    Topology top = TestTopologies.fixed(w);
    Algorithm alg = Harness.build(new FedNpgProvider(), mdp, top, eta, tau);
    int nS = mdp.states();
    int nA = mdp.actions();
    int size = nS * nA;
    int n = mdp.agents();
    double alpha = 1 - eta * tau / (1 - mdp.gamma());
    double[] qStar = ValueIteration.solve(mdp, tau).q();
    double[] logNormStar = new double[nS]; // log ‖exp(Q_τ*(s,·)/τ)‖₁
    for (int s = 0; s < nS; s++) {
      double[] row = new double[nA];
      for (int b = 0; b < nA; b++) {
        row[b] = qStar[s * nA + b] / tau;
      }
      logNormStar[s] = logSumExp(row);
    }
    double[][] logXi = new double[n][size];
    double[] logXiBar = new double[size];
    List<double[]> omega = new ArrayList<>();
    double[] mismatch = {0};
    double[] scale = {0};
    int[] t = {0};
    Harness.run(
        alg,
        mdp,
        top,
        iterations,
        tau,
        1,
        row -> {
          double[][] logPi = new double[n][];
          double[][] tracker = new double[n][];
          for (int k = 0; k < n; k++) {
            NpgAgent agent = (NpgAgent) alg.agents().get(k);
            logPi[k] = agent.policy().toArray();
            tracker[k] = agent.tracker();
          }
          if (t[0] == 0) {
            // ξ_n^(0) = ‖exp(Q*/τ)‖₁ / ‖exp(mean_m log π_m^(0))‖₁ · π_n^(0); ξ̄^(0) = ‖exp(Q*/τ)‖₁
            // π̄^(0)
            double[] mean = mean(logPi);
            for (int s = 0; s < nS; s++) {
              double lse = logSumExp(java.util.Arrays.copyOfRange(mean, s * nA, s * nA + nA));
              for (int b = 0; b < nA; b++) {
                int i = s * nA + b;
                for (int k = 0; k < n; k++) {
                  logXi[k][i] = logNormStar[s] - lse + logPi[k][i];
                }
                logXiBar[i] = logNormStar[s] + mean[i] - lse;
              }
            }
          }
          // π_n^(t) must be ξ_n^(t) normalised per state (checks the recursion against the agents)
          for (int k = 0; k < n; k++) {
            LogPolicy fromXi = LogPolicy.fromLogits(nS, nA, logXi[k]);
            for (int i = 0; i < size; i++) {
              mismatch[0] = Math.max(mismatch[0], Math.abs(fromXi.logProbability(i) - logPi[k][i]));
            }
          }
          // Q̂^(t) = mean_n Q_{τ,n}^{π_n^(t)} (dense solves); Q̄^(t) = soft Q of π̄^(t) on r̄
          double[] qHat = new double[size];
          for (int k = 0; k < n; k++) {
            double[] qk =
                DenseEvaluator.q(mdp, mdp.reward(k), LogPolicy.ofNormalized(nS, nA, logPi[k]), tau);
            for (int i = 0; i < size; i++) {
              qHat[i] += qk[i] / n;
            }
          }
          LogPolicy piBar = LogPolicy.fromLogits(nS, nA, logXiBar);
          double[] qBar = DenseEvaluator.q(mdp, mdp.averagedReward(), piBar, tau);
          double o1 = 0;
          double o2 = 0;
          double o3 = 0;
          double minGap = Double.POSITIVE_INFINITY;
          for (int i = 0; i < size; i++) {
            double d1 = 0;
            double d2 = 0;
            for (int k = 0; k < n; k++) {
              d1 += sq(logXi[k][i] - logXiBar[i]);
              d2 += sq(tracker[k][i] - qHat[i]);
            }
            o1 = Math.max(o1, Math.sqrt(d1));
            o2 = Math.max(o2, Math.sqrt(d2));
            o3 = Math.max(o3, Math.abs(qStar[i] - tau * logXiBar[i]));
            scale[0] = Math.max(scale[0], Math.max(Math.abs(logXiBar[i]), Math.abs(qBar[i])));
            for (int k = 0; k < n; k++) {
              scale[0] =
                  Math.max(scale[0], Math.max(Math.abs(logXi[k][i]), Math.abs(tracker[k][i])));
            }
            minGap = Math.min(minGap, qBar[i] - tau * logXiBar[i]);
          }
          omega.add(new double[] {o1, o2, o3, Math.max(0, -minGap)});
          // advance the auxiliary sequences to t + 1 with this iteration's T^(t) and Q̂^(t)
          double[][] inner = new double[n][size];
          for (int k = 0; k < n; k++) {
            for (int i = 0; i < size; i++) {
              inner[k][i] = alpha * logXi[k][i] + (1 - alpha) * tracker[k][i] / tau;
            }
          }
          for (int k = 0; k < n; k++) {
            for (int i = 0; i < size; i++) {
              double v = 0;
              for (int m = 0; m < n; m++) {
                v += w.weight(k, m) * inner[m][i];
              }
              logXi[k][i] = v;
            }
          }
          for (int i = 0; i < size; i++) {
            logXiBar[i] = alpha * logXiBar[i] + (1 - alpha) * qHat[i] / tau;
          }
          t[0]++;
        });
    double[] worst = new double[4];
    int[] worstT = {-1, -1, -1, -1};
    for (int s = 0; s + 1 < omega.size(); s++) {
      double[] bound = times(a, omega.get(s));
      for (int i = 0; i < 4; i++) {
        if (bound[i] > RATIO_FLOOR) {
          double r = omega.get(s + 1)[i] / bound[i];
          if (r > worst[i]) {
            worst[i] = r;
            worstT[i] = s;
          }
        }
      }
    }
    return new Measured(omega, worst, worstT, mismatch[0], scale[0]);
  }

  static double[] times(double[][] a, double[] x) {
    double[] y = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < x.length; j++) {
        y[i] += a[i][j] * x[j];
      }
    }
    return y;
  }

  static double norm(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  private static double[] mean(double[][] rows) {
    double[] m = new double[rows[0].length];
    for (double[] r : rows) {
      for (int i = 0; i < m.length; i++) {
        m[i] += r[i] / rows.length;
      }
    }
    return m;
  }

  private static double logSumExp(double[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      max = Math.max(max, v);
    }
    double s = 0;
    for (double v : x) {
      s += Math.exp(v - max);
    }
    return max + Math.log(s);
  }

  private static double sq(double x) {
    return x * x;
  }
}
