package org.fednpg.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metrics-row schedule: t = 0, every k-th, and the last; walked forwards it is the same. */
class RunOptionsTest {

  @Test
  void rowsAreZeroEveryKthAndTheLast() {
    RunOptions o = new RunOptions(10, 4, 1);
    List<Long> rows = new ArrayList<>();
    for (long t = 0; t <= 10; t++) {
      if (o.isMetricsRow(t)) {
        rows.add(t);
      }
    }
    assertThat(rows).containsExactly(0L, 4L, 8L, 10L);
    List<Long> walked = new ArrayList<>();
    for (long t = 0; t >= 0; t = o.nextMetricsRow(t)) {
      walked.add(t);
    }
    assertThat(walked).isEqualTo(rows);
    assertThat(new RunOptions(3, 1, 1).nextMetricsRow(1)).isEqualTo(2);
    assertThat(new RunOptions(0, 5, 1).isMetricsRow(0)).isTrue();
    assertThat(new RunOptions(0, 5, 1).nextMetricsRow(0)).isEqualTo(-1);
  }
}
