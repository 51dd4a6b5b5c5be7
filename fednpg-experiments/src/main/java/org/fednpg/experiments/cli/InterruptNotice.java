package org.fednpg.experiments.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one line printed when a command is interrupted (Ctrl-C): what had finished and how to
 * continue. Finished cells are always kept and skipped on a re-run; {@code run --resume}
 * additionally continues interrupted cells from their last checkpoint.
 */
final class InterruptNotice {

  private InterruptNotice() {}

  /**
   * @param args the command line as given
   * @param status what the latest progress had finished (see {@code Progress.latestStatus})
   * @param terminal whether a progress bar may be on the current line (then start a new one)
   */
  static String line(String[] args, Optional<String> status, boolean terminal) {
    List<String> a = Arrays.asList(args);
    String command = a.isEmpty() ? "" : a.get(0);
    String finished = status.map(s -> "interrupted (" + s + "); ").orElse("interrupted; ");
    String again = "fednpg " + String.join(" ", a);
    String how =
        switch (command) {
          case "run" ->
              a.contains("--resume")
                  ? "continue with the same command, '" + again + "'"
                  : checkpoints(a)
                      ? "continue with '"
                          + again
                          + " --resume' (finished cells are skipped, interrupted "
                          + "ones restart from their last checkpoint)"
                      : "continue with the same command, '"
                          + again
                          + "' (finished cells are skipped; "
                          + "add --checkpoint-every K to make long cells resumable with --resume)";
          case "reproduce" ->
              "continue with the same command, '"
                  + again
                  + "' (finished cells are "
                  + "kept and skipped; there is nothing to --resume)";
          case "node" -> "node stopped";
          default -> "nothing to continue";
        };
    return (terminal ? "\n" : "") + "fednpg: " + finished + how;
  }

  private static boolean checkpoints(List<String> a) {
    return a.stream()
        .anyMatch(x -> x.equals("--checkpoint-every") || x.startsWith("--checkpoint-every="));
  }
}
