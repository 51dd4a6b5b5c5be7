package org.fednpg.experiments.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.fednpg.api.FedNpgException;
import org.fednpg.api.InvalidInputException;
import org.fednpg.experiments.runner.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fednpg} command: entry point and error-to-exit-code mapping. */
@Command(
    name = "fednpg",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Federated natural policy gradient for multi-task RL (FedNPG, FedNAC).",
    subcommands = {
      RunCommand.class,
      ReproduceCommand.class,
      CompareCommand.class,
      ListCommand.class,
      PlotCommand.class,
      EnvCommand.class,
      TopologyCommand.class,
      NodeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class FedNpgCommand implements Runnable {

  /** Exit status for bad input (spec, file, parameter). */
  public static final int EXIT_INPUT = 2;

  /** Exit status for anything else that failed. */
  public static final int EXIT_FAILURE = 1;

  private static final Logger LOG = LoggerFactory.getLogger(FedNpgCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** {@code fednpg --plugins PATH run ...}: the plugin path before the command name. */
  @CommandLine.Mixin PluginOptions plugins;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    // Ctrl-C (SIGINT) runs the shutdown hooks and the JVM exits with 130; say what finished and
    // how to continue. The hook is removed when the command ends by itself.
    Thread onInterrupt =
        new Thread(
            () -> {
              err.println(
                  InterruptNotice.line(args, Progress.latestStatus(), Progress.isTerminal()));
              err.flush();
            },
            "fednpg-interrupt-notice");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    int status = execute(args, out, err);
    out.flush();
    err.flush();
    try {
      Runtime.getRuntime().removeShutdownHook(onInterrupt);
    } catch (IllegalStateException shuttingDown) {
      LOG.debug("already shutting down", shuttingDown);
    }
    System.exit(status);
  }

  /** Runs the command line with the given streams; returns the exit status. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new FedNpgCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          if (ex instanceof InvalidInputException) {
            LOG.debug("bad input", ex);
            err.println("fednpg: " + String.valueOf(ex.getMessage()).replaceAll("\\R", " "));
            return EXIT_INPUT;
          }
          if (ex instanceof FedNpgException) {
            LOG.debug("failure", ex);
            err.println("fednpg: " + ex.getMessage());
            return EXIT_FAILURE;
          }
          if (ex instanceof UncheckedIOException io) {
            LOG.debug("I/O failure", ex);
            err.println("fednpg: " + io.getMessage() + ": " + io.getCause());
            return EXIT_FAILURE;
          }
          // a bug, not bad input: the stack trace goes to the command's own error stream (where a
          // caller or a test captures it), not through the logger
          LOG.debug("unexpected failure", ex);
          err.println(
              "fednpg: unexpected " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
          err.println("fednpg: please report this with the stack trace below");
          ex.printStackTrace(err);
          return EXIT_FAILURE;
        });
    return cli.execute(args);
  }
}
