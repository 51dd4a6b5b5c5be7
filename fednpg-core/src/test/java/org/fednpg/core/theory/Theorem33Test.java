package org.fednpg.core.theory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;

/** Theorem 3.3's η₁ and step size (PAPER.md §2) against hand computations. */
class Theorem33Test {

  @Test
  void eta1AtOnePoint() {
    // σ = 1/2, γ = 1/2, N = 4: (1/4)(1/8) / (8 · (3/2) · (1/2) · 2 · (1/4)) = (1/32)/3 = 1/96
    assertThat(Theorem33.eta1(0.5, 0.5, 4)).isCloseTo(1.0 / 96, within(Tolerances.EXACT));
  }

  @Test
  void stepAtOnePoint() {
    // ((1/2)^9 (1/4) log 2 / (32 · 1000 · 4 · (1/4)))^{1/3} = (log 2 / (2^11 · 32000))^{1/3}
    assertThat(Theorem33.step(0.5, 0.5, 4, 2, 1000))
        .isCloseTo(Math.cbrt(Math.log(2) / (2048.0 * 32000)), within(Tolerances.EXACT));
    // T^{-1/3} scaling
    assertThat(Theorem33.step(0.5, 0.5, 4, 2, 8000))
        .isCloseTo(Theorem33.step(0.5, 0.5, 4, 2, 1000) / 2, within(Tolerances.EXACT));
  }

  @Test
  void consensusBoundAtOnePoint() {
    // 32 · 4 · (1/2) · 0.1 / (3 · (1/16) · (1/2)) = 6.4 / (3/32) = 204.8/3
    assertThat(Theorem33.consensusBound(0.5, 0.5, 4, 0.1))
        .isCloseTo(204.8 / 3, within(Tolerances.EXACT));
  }

  @Test
  void edgeCases() {
    // σ = 0: no consensus error, no finite bound
    assertThat(Theorem33.eta1(0, 0.9, 5)).isInfinite();
    assertThat(Theorem33.step(0, 0.9, 5, 2, 100)).isInfinite();
    // σ ≥ 1 or no iterations: not applicable
    assertThat(Theorem33.eta1(1, 0.9, 5)).isNaN();
    assertThat(Theorem33.step(0.5, 0.9, 5, 2, 0)).isNaN();
  }
}
