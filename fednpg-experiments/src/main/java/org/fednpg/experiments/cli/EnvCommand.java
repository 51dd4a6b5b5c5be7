package org.fednpg.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.fednpg.api.Environment;
import org.fednpg.api.EnvironmentContext;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.RandomSource;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.core.oracle.OptimalSolution;
import org.fednpg.core.oracle.ValueIteration;
import org.fednpg.core.plugin.ComponentRegistry;
import org.fednpg.core.plugin.ComponentRegistry.Family;
import org.fednpg.envs.GridWorld;
import org.fednpg.envs.io.MdpFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fednpg env describe|export NAME [key=value...]}. */
@Command(
    name = "env",
    mixinStandardHelpOptions = true,
    description = "Describe or export an environment.",
    subcommands = {EnvCommand.Describe.class, EnvCommand.Export.class})
final class EnvCommand {

  /** Largest state count whose optimal policy is listed state by state. */
  static final int LIST_POLICY_UP_TO = 64;

  private EnvCommand() {}

  /** Builds an environment as a run with this master seed would. */
  static Environment build(
      ComponentRegistry registry, String name, List<String> keyValues, long seed) {
    EnvironmentProvider p = registry.environment(name);
    return p.create(
        ComponentRegistry.parameters(
            Family.ENVIRONMENT, p, KeyValues.parse(keyValues), Path.of("").toAbsolutePath()),
        new EnvironmentContext(RandomSource.of(seed).child("environment")));
  }

  /** The environment arguments both subcommands take: plugins, NAME, key=value..., --seed. */
  static final class EnvironmentArgs {
    @picocli.CommandLine.Mixin PluginOptions plugins;

    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1..*", paramLabel = "key=value")
    List<String> params;

    @Option(names = "--seed", description = "master seed, as in a spec (default 0)")
    long seed;

    Environment build() {
      return EnvCommand.build(plugins.registry(), name, params, seed);
    }
  }

  @Command(
      name = "describe",
      mixinStandardHelpOptions = true,
      description = "Sizes, reward ranges, V* and the optimal policy.")
  static final class Describe implements Runnable {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin EnvironmentArgs environment;

    @Option(names = "--tau", description = "entropy regularisation for V* (default 0)")
    double tau;

    @Override
    public void run() {
      PrintWriter out = spec.commandLine().getOut();
      Environment env = environment.build();
      MultiTaskMdp mdp = env.mdp();
      out.println(env.describe().stripTrailing());
      OptimalSolution opt = ValueIteration.solve(mdp, tau);
      out.printf(
          Locale.ROOT,
          "V*(rho) = %.12g (tau %s, averaged reward, %d value-iteration " + "sweeps)%n",
          opt.initialValue(),
          tau,
          opt.sweeps());
      out.println("optimal policy (most probable action per state):");
      if (env instanceof GridWorld g) {
        out.print(gridPolicy(g, opt.policy()));
      } else if (mdp.states() <= LIST_POLICY_UP_TO) {
        for (int s = 0; s < mdp.states(); s++) {
          out.printf(
              Locale.ROOT,
              "  state %d: action %d  (V* = %.6g)%n",
              s,
              opt.policy().greedyAction(s),
              opt.values()[s]);
        }
      } else {
        int[] counts = new int[mdp.actions()];
        for (int s = 0; s < mdp.states(); s++) {
          counts[opt.policy().greedyAction(s)]++;
        }
        for (int a = 0; a < counts.length; a++) {
          out.printf(Locale.ROOT, "  action %d in %d states%n", a, counts[a]);
        }
      }
    }

    private static String gridPolicy(GridWorld g, LogPolicy pi) {
      GridWorld.Layout layout = g.layout();
      int k = layout.size();
      StringBuilder b = new StringBuilder();
      for (int r = 0; r < k; r++) {
        b.append("  ");
        for (int c = 0; c < k; c++) {
          int s = layout.state(r, c);
          b.append(s == layout.goal() ? 'G' : pi.greedyAction(s) == GridWorld.RIGHT ? '>' : 'v');
        }
        b.append('\n');
      }
      return b.toString();
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description = "Write the environment as a fednpg-mdp/1 JSON file.")
  static final class Export implements Runnable {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin EnvironmentArgs environment;

    @Option(names = "--out", required = true, paramLabel = "FILE.json")
    Path out;

    @Override
    public void run() {
      MultiTaskMdp mdp = environment.build().mdp();
      MdpFiles.write(mdp, out);
      spec.commandLine().getOut().println("wrote " + out + " (" + mdp + ")");
    }
  }
}
