package org.fednpg.experiments.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.fednpg.api.RandomSource;
import org.fednpg.api.Topology;
import org.fednpg.api.TopologyContext;
import org.fednpg.api.TopologyProvider;
import org.fednpg.core.plugin.ComponentRegistry;
import org.fednpg.core.plugin.ComponentRegistry.Family;
import org.fednpg.topologies.MixingMatrixCsv;
import org.fednpg.topologies.TopologyDescriptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fednpg topology describe NAME --agents N [key=value...] [--export W.csv]}. */
@Command(
    name = "topology",
    mixinStandardHelpOptions = true,
    description = "Describe a topology and its mixing matrix.",
    subcommands = {TopologyCommand.Describe.class})
final class TopologyCommand {

  private TopologyCommand() {}

  @Command(
      name = "describe",
      mixinStandardHelpOptions = true,
      description = "N, edges, degrees, sigma, spectral gap, consensus time.")
  static final class Describe implements Runnable {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin PluginOptions plugins;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1..*", paramLabel = "key=value")
    List<String> params;

    @Option(names = "--agents", required = true, paramLabel = "N")
    int agents;

    @Option(names = "--seed", description = "master seed, as in a spec (default 0)")
    long seed;

    @Option(names = "--export", paramLabel = "W.csv", description = "write W (round 0) as CSV")
    Path export;

    @Override
    public void run() {
      if (agents < 1) {
        throw new org.fednpg.api.InvalidInputException("--agents must be >= 1, got " + agents);
      }
      TopologyProvider p = plugins.registry().topology(name);
      Topology t =
          p.create(
              ComponentRegistry.parameters(
                  Family.TOPOLOGY, p, KeyValues.parse(params), Path.of("").toAbsolutePath()),
              new TopologyContext(agents, RandomSource.of(seed).child("topology")));
      spec.commandLine().getOut().print(TopologyDescriptions.describe(t));
      if (export != null) {
        try {
          MixingMatrixCsv.write(t.mixing(0), export);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write " + export, e);
        }
        spec.commandLine().getOut().println("wrote " + export);
      }
    }
  }
}
