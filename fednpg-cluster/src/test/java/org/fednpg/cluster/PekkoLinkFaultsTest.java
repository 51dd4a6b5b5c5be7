package org.fednpg.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.run.RunRequest;
import org.fednpg.core.runtime.RunOptions;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Dropped and delayed links change traffic, never numbers: with 20 % of transmissions lost and
 * delays up to 5 ms, the embedded three-node runtime still reproduces the in-process rows, and the
 * wire counters show the retransmissions.
 */
class PekkoLinkFaultsTest {

  private static final int ITERATIONS = 8;

  @Test
  @Timeout(60)
  void lossyLinksGiveExactNumbersAndMoreTraffic() {
    RunRequest request = ClusterTestRuns.gridWorld(6, 6);
    RunOptions options = new RunOptions(ITERATIONS, 1, 2);
    List<IterationMetrics> expected = ClusterTestRuns.inProcess(request, options);

    List<IterationMetrics> actual = new ArrayList<>();
    ClusterTestRuns.pekko(Map.of("drop", 0.2, "delay_ms", 5L, "retry_ms", 20L, "count", "wire"))
        .run(ClusterTestRuns.assemble(request), request, options, actual::add);

    assertThat(actual).hasSize(ITERATIONS + 1);
    for (int t = 0; t <= ITERATIONS; t++) {
      IterationMetrics e = expected.get(t);
      IterationMetrics x = actual.get(t);
      assertThat(x.value()).isCloseTo(e.value(), within(Tolerances.REORDERED));
      assertThat(x.qError()).isCloseTo(e.qError(), within(Tolerances.REORDERED));
      assertThat(x.consensus()).isCloseTo(e.consensus(), within(Tolerances.REORDERED));
      assertThat(x.agentValueMin()).isCloseTo(e.agentValueMin(), within(Tolerances.REORDERED));
      assertThat(x.agentValueMean()).isCloseTo(e.agentValueMean(), within(Tolerances.REORDERED));
    }
    IterationMetrics last = actual.get(ITERATIONS);
    IterationMetrics ref = expected.get(ITERATIONS);
    // 'wire' counts every transmission: at least the logical messages plus the retransmissions
    // of lost ones. Logical messages here: 12 directed edges · 2 exchanges · 8 iterations = 192,
    // each lost with probability 0.2, so P(no loss at all) = 0.8^192 ≈ 2e-19.
    assertThat(ref.messages()).isEqualTo(12L * 2 * ITERATIONS);
    assertThat(last.messages()).isGreaterThan(ref.messages());
    // A packed table of 72 doubles takes 72·8 bytes plus the message's other fields.
    assertThat(last.bytesSent()).isGreaterThan(last.messages() * 72 * 8);
  }
}
