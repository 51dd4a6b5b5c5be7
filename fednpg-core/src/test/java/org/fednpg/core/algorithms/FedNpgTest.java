package org.fednpg.core.algorithms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.Topology;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MixingMatrix;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.run.Algorithm;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.DenseEvaluator;
import org.fednpg.core.Harness;
import org.fednpg.core.TestTopologies;
import org.fednpg.core.oracle.OptimalSolution;
import org.fednpg.core.oracle.ValueIteration;
import org.fednpg.testing.RandomMdps;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** FedNPG's invariants and convergence (SPEC §3), against the value-iteration oracle. */
class FedNpgTest {

  private static final Logger LOG = LoggerFactory.getLogger(FedNpgTest.class);

  private static final MultiTaskMdp GARNET = RandomMdps.create(11, 12, 3, 3, 6, 0.9);

  @Test
  void trackingInvariantHoldsAtEveryIteration() {
    for (double tau : new double[] {0.0, 0.05}) {
      Topology ring = TestTopologies.ring(GARNET.agents());
      Algorithm alg = Harness.build(new FedNpgProvider(), GARNET, ring, 0.1, tau);
      List<Double> violations = new ArrayList<>();
      Harness.run(
          alg,
          GARNET,
          ring,
          40,
          tau,
          2,
          row -> {
            int size = GARNET.states() * GARNET.actions();
            double[] meanT = new double[size];
            double[] meanQ = new double[size];
            for (Object o : alg.agents()) {
              NpgAgent a = (NpgAgent) o;
              double[] t = a.tracker();
              double[] q = a.localQ();
              for (int i = 0; i < size; i++) {
                meanT[i] += t[i] / GARNET.agents();
                meanQ[i] += q[i] / GARNET.agents();
              }
            }
            double worst = 0;
            for (int i = 0; i < size; i++) {
              worst = Math.max(worst, Math.abs(meanT[i] - meanQ[i]));
            }
            violations.add(worst);
          });
      assertThat(violations)
          .hasSize(41)
          .allSatisfy(v -> assertThat(v).isLessThan(Tolerances.EXACT));
    }
  }

  @Test
  void completeAveragingEqualsCentralisedNpg() {
    for (double tau : new double[] {0.0, 0.02}) {
      Topology averaging = TestTopologies.fixed(MixingMatrix.averaging(GARNET.agents()));
      Algorithm fed = Harness.build(new FedNpgProvider(), GARNET, averaging, 0.2, tau);
      Algorithm central = Harness.build(new CentralizedProvider(), GARNET, averaging, 0.2, tau);
      List<List<LogPolicy>> fedPolicies = new ArrayList<>();
      List<LogPolicy> centralPolicies = new ArrayList<>();
      Harness.run(fed, GARNET, averaging, 25, tau, 1, row -> fedPolicies.add(policies(fed)));
      Harness.run(
          central,
          GARNET,
          averaging,
          25,
          tau,
          1,
          row -> centralPolicies.add(central.agents().get(0).policy()));
      for (int t = 0; t < centralPolicies.size(); t++) {
        LogPolicy c = centralPolicies.get(t);
        for (LogPolicy p : fedPolicies.get(t)) {
          for (int i = 0; i < GARNET.states() * GARNET.actions(); i++) {
            assertThat(p.logProbability(i))
                .isCloseTo(c.logProbability(i), within(Tolerances.EXACT));
          }
        }
      }
    }
  }

  @Test
  void vanillaFedNpgOnRingReachesOptimalValue() {
    Topology ring = TestTopologies.ring(GARNET.agents());
    OptimalSolution opt = ValueIteration.solve(GARNET, 0.0);
    Algorithm alg = Harness.build(new FedNpgProvider(), GARNET, ring, 1.0, 0.0);
    List<IterationMetrics> rows = Harness.run(alg, GARNET, ring, 600, 0.0, 2, row -> {});
    IterationMetrics last = rows.get(rows.size() - 1);
    LOG.info(
        "vanilla FedNPG: V = {}, V* = {}, gap {}",
        last.value(),
        opt.initialValue(),
        last.optimalityGap());
    assertThat(last.value()).isCloseTo(opt.initialValue(), within(Tolerances.CONVERGED_VALUE));
    assertThat(last.agentValueMin())
        .isCloseTo(opt.initialValue(), within(Tolerances.CONVERGED_VALUE));
  }

  @Test
  void entropyRegularisedFedNpgConvergesLinearlyToSoftOptimum() {
    double tau = 0.1;
    double eta = (1 - GARNET.gamma()) / tau; // the largest admissible step
    Topology ring = TestTopologies.ring(GARNET.agents());
    Algorithm alg = Harness.build(new FedNpgProvider(), GARNET, ring, eta, tau);
    List<IterationMetrics> rows = Harness.run(alg, GARNET, ring, 400, tau, 2, row -> {});
    IterationMetrics last = rows.get(rows.size() - 1);
    assertThat(last.qError()).isLessThan(Tolerances.CONVERGED_SOFT_Q);
    // Linear rate: fit log q_error over a window before it reaches round-off.
    int from = 20;
    int to = 20;
    while (to + 1 < rows.size() && rows.get(to + 1).qError() > 1e-11) {
      to++;
    }
    double factor = Math.pow(rows.get(to).qError() / rows.get(from).qError(), 1.0 / (to - from));
    LOG.info(
        "soft FedNPG (tau {}, eta {}): measured contraction factor {} per iteration over "
            + "iterations {}..{}",
        tau,
        eta,
        factor,
        from,
        to);
    assertThat(factor).isLessThan(1.0);
    // geometric decrease: each 20-iteration block shrinks the error
    for (int t = from; t + 20 <= to; t += 20) {
      assertThat(rows.get(t + 20).qError()).isLessThan(rows.get(t).qError());
    }
  }

  @Test
  void singleAgentSoftPolicyIterationAtLargestStep() {
    // N = 1, η = (1−γ)/τ: log π^(t+1) = Q_τ^(t)/τ + const, i.e. soft policy iteration.
    MultiTaskMdp one = RandomMdps.create(5, 8, 3, 2, 1, 0.8);
    double tau = 0.5;
    double eta = (1 - one.gamma()) / tau;
    Topology solo = TestTopologies.fixed(MixingMatrix.identity(1));
    Algorithm alg = Harness.build(new FedNpgProvider(), one, solo, eta, tau);
    List<LogPolicy> iterates = new ArrayList<>();
    Harness.run(alg, one, solo, 6, tau, 1, row -> iterates.add(alg.agents().get(0).policy()));
    for (int t = 0; t + 1 < iterates.size(); t++) {
      double[] q = DenseEvaluator.q(one, one.reward(0), iterates.get(t), tau);
      double[] logits = new double[q.length];
      for (int i = 0; i < q.length; i++) {
        logits[i] = q[i] / tau;
      }
      LogPolicy expected = LogPolicy.fromLogits(one.states(), one.actions(), logits);
      for (int i = 0; i < q.length; i++) {
        assertThat(iterates.get(t + 1).logProbability(i))
            .isCloseTo(expected.logProbability(i), within(Tolerances.EXACT));
      }
    }
  }

  @Test
  void resultsDoNotDependOnThreadCount() {
    Topology ring = TestTopologies.ring(GARNET.agents());
    List<IterationMetrics> one =
        Harness.run(
            Harness.build(new FedNpgProvider(), GARNET, ring, 0.1, 0.01),
            GARNET,
            ring,
            15,
            0.01,
            1,
            row -> {});
    List<IterationMetrics> two =
        Harness.run(
            Harness.build(new FedNpgProvider(), GARNET, ring, 0.1, 0.01),
            GARNET,
            ring,
            15,
            0.01,
            2,
            row -> {});
    for (int t = 0; t < one.size(); t++) {
      assertThat(two.get(t).value()).isEqualTo(one.get(t).value());
      assertThat(two.get(t).consensus()).isEqualTo(one.get(t).consensus());
    }
  }

  @Test
  void stepLargerThanAdmissibleIsRefused() {
    Topology ring = TestTopologies.ring(GARNET.agents());
    assertThatThrownBy(() -> Harness.build(new FedNpgProvider(), GARNET, ring, 0.5, 0.5))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'eta' = 0.5")
        .hasMessageContaining("(1-gamma)/tau");
  }

  private static List<LogPolicy> policies(Algorithm alg) {
    List<LogPolicy> out = new ArrayList<>();
    alg.agents().forEach(a -> out.add(a.policy()));
    return out;
  }
}
