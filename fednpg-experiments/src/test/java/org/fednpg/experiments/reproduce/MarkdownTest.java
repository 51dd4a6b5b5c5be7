package org.fednpg.experiments.reproduce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tables written by {@link Markdown} parse as tables, with {@code |} inside cells escaped. */
class MarkdownTest {

  @Test
  void pipesInsideCellsAreEscapedSoTheTableKeepsItsColumns() {
    String t =
        Markdown.table(
            List.of("ε", "final |gap| (mean)", "min", "max"),
            List.of(List.of("0.01", "|x|", "1", "2")));
    assertThat(t).contains("final \\|gap\\| (mean)", "\\|x\\|");
    assertThat(MarkdownTables.count(t)).isEqualTo(1);
    assertThat(MarkdownTables.problems(t)).isEmpty();
  }

  @Test
  void theCheckerCatchesTheUnescapedHeaderOfTheOldRobustnessTable() {
    // the header REPORT.md used to have: 6 raw cells against a 4-cell delimiter row
    String broken =
        "| ε | final |gap| (mean) | min | max |\n|---|---|---|---|\n| 0 | 1 | 1 | 1 |\n";
    assertThat(MarkdownTables.count(broken)).isZero();
    assertThat(MarkdownTables.problems(broken)).isNotEmpty();
    String ragged = "| a | b |\n|---|---|\n| 1 | 2 | 3 |\n";
    assertThat(MarkdownTables.problems(ragged))
        .singleElement()
        .asString()
        .contains("line 3 has 3 cells");
  }

  @Test
  void aRowOfTheWrongWidthIsRefused() {
    assertThatThrownBy(() -> Markdown.table(List.of("a", "b"), List.of(List.of("1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 cells");
  }
}
