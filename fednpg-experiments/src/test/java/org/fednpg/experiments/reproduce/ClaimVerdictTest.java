package org.fednpg.experiments.reproduce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The verdict rules of the claims table, on hand-made numbers whose answers are read off. */
class ClaimVerdictTest {

  @Test
  void verdictCountsAgreeingChecks() {
    assertThat(Claim.Verdict.of(3, 3)).isEqualTo(Claim.Verdict.HOLDS);
    assertThat(Claim.Verdict.of(1, 3)).isEqualTo(Claim.Verdict.PARTLY);
    assertThat(Claim.Verdict.of(0, 3)).isEqualTo(Claim.Verdict.CONTRADICTED);
    assertThat(Claim.Verdict.of(0, 0)).isEqualTo(Claim.Verdict.NOT_RUN);
  }

  @Test
  void stepsSayTiedOnTiesAndTreatNotSettledAsInfinite() {
    // 10 → 20 slower, 20 → 20 tied, 20 → not settled slower, not settled → not settled tied,
    // not settled → 5 faster
    assertThat(PaperRuns.steps(List.of(10.0, 20.0, 20.0, -1.0, -1.0, 5.0)))
        .containsExactly(1, 0, 1, 0, -1);
  }

  @Test
  void spreadIsMaxOverMinWithZeroCountedAsOneAndNotSettledInfinite() {
    assertThat(PaperRuns.spread(List.of(10.0, 15.0, 30.0))).isEqualTo(3.0);
    assertThat(PaperRuns.spread(List.of(0.0, 2.0))).isEqualTo(2.0);
    assertThat(PaperRuns.spread(List.of(4.0, -1.0))).isInfinite();
  }
}
