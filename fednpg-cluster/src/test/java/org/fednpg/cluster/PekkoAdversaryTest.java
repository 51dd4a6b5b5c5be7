package org.fednpg.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.robust.AdversarySpec;
import org.fednpg.core.run.ComponentSpec;
import org.fednpg.core.run.RunRequest;
import org.fednpg.core.runtime.RunOptions;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Adversaries are node-local behaviours and robust rules run where each agent mixes: two loopback
 * nodes reproduce an independent in-process run with a stale adversary (whose history is state)
 * under the trimmed mean, and a random-noise adversary under centred clipping, to 1e-12 (the honest
 * tracking drift included).
 */
class PekkoAdversaryTest {

  private static final int ITERATIONS = 12;

  private static RunRequest request(String aggregation, AdversarySpec adversary) {
    return new RunRequest(
        ClusterTestRuns.SEED,
        0.9,
        ComponentSpec.of("gridworld", "size", 4L, "agents", 10L),
        ComponentSpec.of("ring", "neighbors", 2L),
        ComponentSpec.of("exact"),
        ComponentSpec.of(
            "fednpg", "eta", 0.1, "tau", 0.01, "aggregation", aggregation, "trim", 1L, "clip", 0.5),
        Path.of("."),
        adversary);
  }

  @Test
  @Timeout(90)
  void twoLoopbackNodesReproduceTheInProcessRunWithAdversaries() {
    List<RunRequest> requests =
        List.of(
            request("trimmed-mean", new AdversarySpec(List.of(3, 7), null, "stale", -1, 1, 0, 2)),
            request("clipped", new AdversarySpec(null, 2, "random", -1, 0.3, 0, 1)));
    RunOptions options = new RunOptions(ITERATIONS, 1, 2);
    try (ClusterNode a = ClusterNode.start(Plugins.registry(), "127.0.0.1", 0, List.of());
        ClusterNode b =
            ClusterNode.start(Plugins.registry(), "127.0.0.1", 0, List.of(a.address()))) {
      a.awaitUp(2, Duration.ofSeconds(30));
      assertThat(b.address()).as("two distinct nodes").isNotEqualTo(a.address());
      for (RunRequest request : requests) {
        List<IterationMetrics> expected = ClusterTestRuns.inProcess(request, options);
        List<IterationMetrics> actual = new ArrayList<>();
        ClusterTestRuns.pekko(Map.of("cluster", a.address()))
            .run(ClusterTestRuns.assemble(request), request, options, actual::add);
        assertThat(actual).hasSize(ITERATIONS + 1);
        for (int t = 0; t <= ITERATIONS; t++) {
          IterationMetrics e = expected.get(t);
          IterationMetrics x = actual.get(t);
          assertThat(x.value()).isCloseTo(e.value(), within(Tolerances.REORDERED));
          assertThat(x.optimalityGap()).isCloseTo(e.optimalityGap(), within(Tolerances.REORDERED));
          assertThat(x.consensus()).isCloseTo(e.consensus(), within(Tolerances.REORDERED));
          assertThat(x.agentValueMin()).isCloseTo(e.agentValueMin(), within(Tolerances.REORDERED));
          assertThat(x.messages()).isEqualTo(e.messages());
          // the honest tracking drift, from the tables the honest agents report (issue 20)
          assertThat(e.honestTrackingDrift()).as("in-process drift at %d", t).isFinite();
          assertThat(x.honestTrackingDrift())
              .isCloseTo(e.honestTrackingDrift(), within(Tolerances.REORDERED));
        }
        // The adversaries mattered: the same request without them ends elsewhere.
        List<IterationMetrics> honest =
            ClusterTestRuns.inProcess(
                request(request.algorithm().parameters().get("aggregation").toString(), null),
                options);
        assertThat(Math.abs(honest.get(ITERATIONS).value() - expected.get(ITERATIONS).value()))
            .isGreaterThan(1e-6);
      }
    }
  }
}
