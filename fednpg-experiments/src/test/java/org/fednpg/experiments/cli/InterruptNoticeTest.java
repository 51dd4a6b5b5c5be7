package org.fednpg.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The line printed on Ctrl-C (the signal itself is checked by hand; see the README). */
class InterruptNoticeTest {

  @Test
  void runWithCheckpointsPointsToResumeAndSaysWhatFinished() {
    String line =
        InterruptNotice.line(
            new String[] {"run", "s.yaml", "--checkpoint-every", "50"},
            Optional.of("sweep: 3 of 8 cells finished"),
            false);
    assertThat(line)
        .isEqualTo(
            "fednpg: interrupted (sweep: 3 of 8 cells finished); continue "
                + "with 'fednpg run s.yaml --checkpoint-every 50 --resume' (finished cells are skipped, "
                + "interrupted ones restart from their last checkpoint)");
    assertThat(line).doesNotContain("\n");
  }

  @Test
  void runWithoutCheckpointsSaysHowToMakeCellsResumable() {
    String line = InterruptNotice.line(new String[] {"run", "s.yaml"}, Optional.empty(), false);
    assertThat(line)
        .startsWith("fednpg: interrupted; continue with the same command, " + "'fednpg run s.yaml'")
        .contains("--checkpoint-every K", "--resume");
  }

  @Test
  void alreadyResumingRunIsToldToRepeatTheCommandAsIs() {
    String line =
        InterruptNotice.line(new String[] {"run", "s.yaml", "--resume"}, Optional.empty(), false);
    assertThat(line).contains("'fednpg run s.yaml --resume'").doesNotContain("--resume --resume");
  }

  @Test
  void reproduceKeepsFinishedCellsAndStartsOnANewLineUnderAProgressBar() {
    String line =
        InterruptNotice.line(
            new String[] {"reproduce", "--quick"},
            Optional.of("topology: 2 of 8 cells finished"),
            true);
    assertThat(line)
        .startsWith("\nfednpg: interrupted (topology: 2 of 8 cells finished); ")
        .contains("'fednpg reproduce --quick'", "skipped");
    assertThat(line.substring(1)).doesNotContain("\n");
  }
}
