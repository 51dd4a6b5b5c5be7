package org.fednpg.core.fednac;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fednpg.api.Topology;
import org.fednpg.api.model.MixingMatrix;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.run.AgentState;
import org.fednpg.core.TestTopologies;
import org.fednpg.testing.RandomMdps;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;

/**
 * The paper variant's agents: Algorithm 3's tracking invariant, checkpoints that resume bit for
 * bit, and seeding per agent (agents with equal rewards still draw different samples).
 */
class FedNacPaperAgentTest {

  private static final MultiTaskMdp GARNET = RandomMdps.create(5, 9, 3, 3, 4, 0.9);
  private static final Map<String, Object> PARAMS =
      Map.of("features", "random", "dim", 10, "critic_steps", 200, "alpha", 1.0, "beta", 0.2);

  @Test
  void trackerAverageEqualsCriticAverageAtEveryIteration() {
    // h^(t) = W(h^(t−1) + w^(t) − w^(t−1)) with h^(−1) = w^(−1) = 0 and W doubly stochastic:
    // (1/N) Σ h_n^(t) = (1/N) Σ w_n^(t) for every t
    Topology ring = TestTopologies.ring(GARNET.agents());
    FedNacPaperAlgorithm alg = NacHarness.paper(PARAMS, GARNET, ring, 2);
    List<Double> worst = new ArrayList<>();
    NacHarness.run(
        alg,
        GARNET,
        ring,
        12,
        0,
        row -> {
          if (row.iteration() == 0) {
            return;
          }
          double[] diff = new double[10];
          double size = 0;
          for (FedNacPaperAgent a : alg.agents()) {
            double[] h = a.tracker();
            double[] w = a.critic();
            for (int k = 0; k < 10; k++) {
              diff[k] += (h[k] - w[k]) / alg.agents().size();
              size = Math.max(size, Math.abs(w[k]));
            }
          }
          double m = 0;
          for (double v : diff) {
            m = Math.max(m, Math.abs(v));
          }
          worst.add(m);
          assertThat(size).isPositive();
        });
    assertThat(worst).hasSize(12).allSatisfy(v -> assertThat(v).isLessThan(Tolerances.EXACT));
  }

  @Test
  void restoredAgentsContinueBitForBit() {
    Topology ring = TestTopologies.ring(GARNET.agents());
    FedNacPaperAlgorithm original = NacHarness.paper(PARAMS, GARNET, ring, 9);
    original.agents().forEach(FedNacPaperAgent::initialize);
    MixingMatrix w = ring.mixing(0);
    for (long t = 0; t < 4; t++) {
      step(original, w, t);
    }
    List<AgentState> states = new ArrayList<>();
    original.agents().forEach(a -> states.add(a.snapshot()));
    FedNacPaperAlgorithm resumed = NacHarness.paper(PARAMS, GARNET, ring, 9);
    for (int n = 0; n < states.size(); n++) {
      resumed.agents().get(n).restore(states.get(n));
    }
    for (long t = 4; t < 8; t++) {
      step(original, w, t);
      step(resumed, w, t);
      for (int n = 0; n < GARNET.agents(); n++) {
        FedNacPaperAgent a = original.agents().get(n);
        FedNacPaperAgent b = resumed.agents().get(n);
        assertThat(b.xi()).isEqualTo(a.xi());
        assertThat(b.critic()).isEqualTo(a.critic());
        assertThat(b.tracker()).isEqualTo(a.tracker());
        assertThat(b.policy()).isEqualTo(a.policy());
        assertThat(b.samples()).isEqualTo(a.samples());
      }
    }
    assertThat(original.agents().get(0).samples()).isGreaterThan(0);
  }

  @Test
  void agentsWithEqualRewardsDrawDifferentSamples() {
    MultiTaskMdp same =
        GARNET.withRewards(
            List.of(GARNET.reward(0), GARNET.reward(0), GARNET.reward(0), GARNET.reward(0)));
    Topology ring = TestTopologies.ring(same.agents());
    FedNacPaperAlgorithm alg = NacHarness.paper(PARAMS, same, ring, 4);
    step(alg, ring.mixing(0), 0);
    // identical inputs but per-agent random streams: the critics differ
    assertThat(alg.agents().get(1).critic()).isNotEqualTo(alg.agents().get(0).critic());
    // the same seed gives the same run
    FedNacPaperAlgorithm again = NacHarness.paper(PARAMS, same, ring, 4);
    step(again, ring.mixing(0), 0);
    assertThat(again.agents().get(1).critic()).isEqualTo(alg.agents().get(1).critic());
  }

  /** One iteration as the runtime does it: per exchange, send all, mix with W, receive all. */
  private static void step(FedNacPaperAlgorithm alg, MixingMatrix w, long t) {
    List<FedNacPaperAgent> agents = alg.agents();
    for (int k = 0; k < alg.exchangesPerIteration(); k++) {
      double[][] out = new double[agents.size()][];
      for (int n = 0; n < agents.size(); n++) {
        out[n] = agents.get(n).send(t, k).clone();
      }
      for (int n = 0; n < agents.size(); n++) {
        double[] mixed = new double[out[n].length];
        for (int m = 0; m < agents.size(); m++) {
          for (int i = 0; i < mixed.length; i++) {
            mixed[i] += w.weight(n, m) * out[m][i];
          }
        }
        agents.get(n).receive(t, k, mixed);
      }
    }
  }
}
