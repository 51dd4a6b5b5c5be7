package org.fednpg.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --help} on every command: exit 0, a usage text, nothing on stderr, no picocli warning. */
class HelpTest {

  /** Every command path, found by walking picocli's model (so a new subcommand is covered). */
  private static List<List<String>> commandPaths() {
    List<List<String>> paths = new ArrayList<>();
    walk(new CommandLine(new FedNpgCommand()), new ArrayList<>(), paths);
    return paths;
  }

  private static void walk(CommandLine cmd, List<String> prefix, List<List<String>> paths) {
    paths.add(prefix);
    cmd.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (!name.equals("help") && sub.getCommandName().equals(name)) {
                List<String> p = new ArrayList<>(prefix);
                p.add(name);
                walk(sub, p, paths);
              }
            });
  }

  @Test
  void everyCommandAnswersHelpWithItsUsageAndNothingOnStderr() {
    List<List<String>> paths = commandPaths();
    // the top level, run, reproduce, compare, list, plot, env (+2), topology (+1), node
    assertThat(paths).hasSizeGreaterThanOrEqualTo(12);
    PrintStream saved = System.err;
    ByteArrayOutputStream stray = new ByteArrayOutputStream();
    try {
      // picocli prints its own warnings (e.g. a bad format string in a description) to System.err
      System.setErr(new PrintStream(stray, true, StandardCharsets.UTF_8));
      for (List<String> path : paths) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        CliHarness.Outcome o = CliHarness.run(args.toArray(String[]::new));
        String shown = String.join(" ", args);
        assertThat(o.status()).as(shown + ": " + o.err()).isZero();
        assertThat(o.out())
            .as(shown)
            .startsWith("Usage: " + String.join(" ", prepend("fednpg", path)))
            .contains("-h, --help");
        assertThat(o.err()).as(shown).isEmpty();
      }
    } finally {
      System.setErr(saved);
    }
    assertThat(stray.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  private static List<String> prepend(String first, List<String> rest) {
    List<String> l = new ArrayList<>();
    l.add(first);
    l.addAll(rest);
    return l;
  }
}
