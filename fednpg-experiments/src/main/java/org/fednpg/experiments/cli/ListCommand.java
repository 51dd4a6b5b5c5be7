package org.fednpg.experiments.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.fednpg.api.ComponentProvider;
import org.fednpg.api.ParameterSpec;
import org.fednpg.core.plugin.ComponentRegistry;
import org.fednpg.core.plugin.ComponentRegistry.Family;
import org.fednpg.core.plugin.Plugins;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code fednpg list}: every registered component of the five families with its parameters. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List every registered environment, topology, evaluator, "
    + "algorithm and runtime with its parameters.")
final class ListCommand implements Runnable {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    ComponentRegistry registry = Plugins.registry();
    for (Family family : Family.values()) {
      out.println((family == Family.TOPOLOGY ? "topologies" : family.label() + "s") + ":");
      for (Map.Entry<String, ? extends ComponentProvider<?, ?>> e
          : registry.providers(family).entrySet()) {
        out.println("  " + e.getKey() + " - " + e.getValue().description());
        for (ParameterSpec p : e.getValue().parameters()) {
          out.println("      " + p.summary());
        }
      }
      out.println();
    }
  }
}
