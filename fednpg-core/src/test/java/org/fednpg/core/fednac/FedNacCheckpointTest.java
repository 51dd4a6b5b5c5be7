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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** snapshot()/restore() continue a FedNAC run bit for bit. */
class FedNacCheckpointTest {

  private static final MultiTaskMdp GARNET = RandomMdps.create(5, 9, 3, 3, 4, 0.9);

  @ParameterizedTest
  @ValueSource(strings = {"montecarlo", "td", "lstd", "exact-projection"})
  void restoredAgentsContinueBitForBit(String critic) {
    Topology ring = TestTopologies.ring(GARNET.agents());
    Map<String, Object> params =
        Map.of(
            "eta",
            0.2,
            "tau",
            0.05,
            "features",
            "random",
            "dim",
            10,
            "critic",
            critic,
            "samples",
            400);
    FedNacAlgorithm original = NacHarness.build(params, GARNET, ring, 9);
    original.agents().forEach(FedNacAgent::initialize);
    MixingMatrix w = ring.mixing(0);
    for (long t = 0; t < 4; t++) {
      step(original, w, t);
    }
    List<AgentState> states = new ArrayList<>();
    original.agents().forEach(a -> states.add(a.snapshot()));

    FedNacAlgorithm resumed = NacHarness.build(params, GARNET, ring, 9);
    for (int n = 0; n < states.size(); n++) {
      resumed.agents().get(n).restore(states.get(n));
    }
    for (long t = 4; t < 8; t++) {
      step(original, w, t);
      step(resumed, w, t);
      for (int n = 0; n < GARNET.agents(); n++) {
        FedNacAgent a = original.agents().get(n);
        FedNacAgent b = resumed.agents().get(n);
        assertThat(b.theta()).isEqualTo(a.theta());
        assertThat(b.critic()).isEqualTo(a.critic());
        assertThat(b.tracker()).isEqualTo(a.tracker());
        assertThat(b.policy()).isEqualTo(a.policy());
        assertThat(b.samples()).isEqualTo(a.samples());
      }
    }
    if (!critic.equals("exact-projection")) {
      assertThat(original.agents().get(0).samples()).isGreaterThan(0);
    }
  }

  /** One iteration as the runtime does it: per exchange, send all, mix with W, receive all. */
  private static void step(FedNacAlgorithm alg, MixingMatrix w, long t) {
    List<FedNacAgent> agents = alg.agents();
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
