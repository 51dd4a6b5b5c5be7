package org.fednpg.core.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import org.fednpg.api.Topology;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.run.Algorithm;
import org.fednpg.core.Harness;
import org.fednpg.core.TestTopologies;
import org.fednpg.core.algorithms.CentralizedProvider;
import org.fednpg.core.algorithms.FedNpgProvider;
import org.fednpg.core.algorithms.NaiveProvider;
import org.fednpg.testing.RandomMdps;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;

/** The theory block that fednpg and naive give the manifest. */
class NpgTheoryTest {

  private static final MultiTaskMdp GARNET = RandomMdps.create(11, 8, 3, 3, 6, 0.9);

  /** Ring N = 6 with weights 1/3: eigenvalues (1 + 2cos(2πk/6))/3, so σ = 2/3. */
  private static final Topology RING = TestTopologies.ring(6);

  @Test
  void regularisedBlock() {
    Algorithm alg = Harness.build(new FedNpgProvider(), GARNET, RING, 0.1, 0.05);
    Map<String, Object> t = alg.theory(300);
    assertThat(List.copyOf(t.keySet()))
        .containsExactly(
            "result",
            "covers_algorithm",
            "sigma",
            "eta",
            "tau",
            "gamma",
            "agents",
            "actions",
            "symmetric",
            "doubly_stochastic",
            "time_varying",
            "assumption_3_1",
            "tau_assumption",
            "alpha",
            "M",
            "S",
            "rho",
            "eta_within_certificate",
            "eta0",
            "eta0_low",
            "rate_bound");
    assertThat((double) t.get("sigma")).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(t.get("covers_algorithm")).isEqualTo(true);
    assertThat(t.get("assumption_3_1")).isEqualTo(true);
    assertThat((double) t.get("alpha")).isCloseTo(1 - 0.1 * 0.05 / 0.1, within(Tolerances.EXACT));
    // ρ independently: EJML's 2-norm of A(η)
    double[][] a = new LemmaD2(2.0 / 3, 0.05, 0.9, 6, 3).matrix(0.1);
    assertThat((double) t.get("rho"))
        .isCloseTo(NormOps_DDRM.normP2(new DMatrixRMaj(a)), within(1e-9));
    // γ = 0.9: ‖A‖₂ ≥ 2γM/(1−γ) > 1 for every η, so nothing is certified
    assertThat(t.get("eta0")).isNull();
    assertThat(t.get("eta_within_certificate")).isEqualTo(false);
    assertThat((double) t.get("rate_bound"))
        .isCloseTo(Math.max(1 - 0.05 * 0.1 / 2, (3 + 2.0 / 3) / 4), within(Tolerances.EXACT));
    // deterministic: a second build gives the same map
    assertThat(Harness.build(new FedNpgProvider(), GARNET, RING, 0.1, 0.05).theory(300))
        .isEqualTo(t);
  }

  @Test
  void vanillaBlockUsesTheRunsIterations() {
    Algorithm alg = Harness.build(new FedNpgProvider(), GARNET, RING, 0.1, 0.0);
    Map<String, Object> t = alg.theory(500);
    double s = 2.0 / 3;
    double g = 0.9;
    double eta1 = (1 - s) * (1 - s) * Math.pow(1 - g, 3) / (8 * (1 + g) * g * Math.sqrt(6) * s * s);
    assertThat((double) t.get("eta1")).isCloseTo(eta1, within(1e-12 * eta1));
    assertThat(t.get("eta_within_eta1")).isEqualTo(0.1 <= eta1);
    double step =
        Math.cbrt(Math.pow(1 - g, 9) * (1 - s) * (1 - s) * Math.log(3) / (32 * 500 * 6 * s * s));
    assertThat((double) t.get("eta_theorem_3_3")).isCloseTo(step, within(1e-12 * step));
    assertThat(t.get("eta_theorem_3_3_within_eta1")).isEqualTo(step <= eta1);
    assertThat(t.get("iterations")).isEqualTo(500L);
    assertThat(t).doesNotContainKey("rho");
    // without T (the no-argument hook) the step size is unknown
    assertThat(alg.theory().get("eta_theorem_3_3")).isNull();
  }

  @Test
  void naiveIsMarkedUncoveredAndCentralisedHasNoBlock() {
    Map<String, Object> naive =
        Harness.build(new NaiveProvider(), GARNET, RING, 0.1, 0.05).theory(10);
    assertThat(naive.get("covers_algorithm")).isEqualTo(false);
    assertThat(naive).containsKey("rho");
    assertThat(Harness.build(new CentralizedProvider(), GARNET, RING, 0.1, 0.05).theory(10))
        .isEmpty();
  }
}
