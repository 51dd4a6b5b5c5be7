package org.fednpg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fednpg.api.RandomSource;
import org.fednpg.api.Topology;
import org.fednpg.api.TopologyContext;
import org.fednpg.api.TopologyProvider;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.run.Algorithm;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.Harness;
import org.fednpg.core.algorithms.FedNpgProvider;
import org.fednpg.core.algorithms.NpgAgent;
import org.fednpg.core.plugin.ComponentRegistry;
import org.fednpg.core.plugin.ComponentRegistry.Family;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.testing.RandomMdps;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;

/** FedNPG when each ring link fails with probability 0.3 in every round (issue 4). */
class TimeVaryingLinksTest {

  @Test
  void fedNpgConvergesAndKeepsTrackingUnderLinkDrops() {
    MultiTaskMdp mdp = RandomMdps.create(21, 10, 3, 3, 8, 0.9);
    TopologyProvider ring = Plugins.registry().topology("ring");
    Topology topology =
        ring.create(
            ComponentRegistry.parameters(
                Family.TOPOLOGY,
                ring,
                Map.of("neighbors", 1, "weights", "metropolis", "drop", 0.3),
                Path.of(".")),
            new TopologyContext(mdp.agents(), RandomSource.of(5).child("topology")));
    assertThat(topology.isTimeVarying()).isTrue();
    assertThat(topology.mixing(0)).isNotEqualTo(topology.mixing(1));
    double tau = 0.05;
    Algorithm alg = Harness.build(new FedNpgProvider(), mdp, topology, 1.0, tau);
    List<Double> violations = new ArrayList<>();
    List<IterationMetrics> rows =
        Harness.run(
            alg,
            mdp,
            topology,
            600,
            tau,
            2,
            row -> {
              int size = mdp.states() * mdp.actions();
              double worst = 0;
              double[] gap = new double[size];
              for (Object o : alg.agents()) {
                double[] t = ((NpgAgent) o).tracker();
                double[] q = ((NpgAgent) o).localQ();
                for (int i = 0; i < size; i++) {
                  gap[i] += (t[i] - q[i]) / mdp.agents();
                }
              }
              for (double g : gap) {
                worst = Math.max(worst, Math.abs(g));
              }
              violations.add(worst);
            });
    assertThat(violations).allSatisfy(v -> assertThat(v).isLessThan(Tolerances.EXACT));
    IterationMetrics last = rows.get(rows.size() - 1);
    assertThat(last.qError()).isLessThan(Tolerances.CONVERGED_SOFT_Q);
    assertThat(last.consensus()).isLessThan(Tolerances.CONVERGED_SOFT_Q);
  }
}
