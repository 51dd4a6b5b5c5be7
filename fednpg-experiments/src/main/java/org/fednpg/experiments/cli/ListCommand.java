package org.fednpg.experiments.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.fednpg.api.ComponentProvider;
import org.fednpg.api.ParameterSpec;
import org.fednpg.core.plugin.ComponentRegistry;
import org.fednpg.core.plugin.ComponentRegistry.Family;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/**
 * {@code fednpg list}: every registered component of the five families with its parameters; a
 * component from a plugin jar is marked with the jar's file name.
 */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "List every registered environment, topology, evaluator, "
            + "algorithm and runtime with its parameters.")
final class ListCommand implements Runnable {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Mixin PluginOptions plugins;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    ComponentRegistry registry = plugins.registry();
    if (!registry.plugins().isEmpty()) {
      out.println("plugin jars (components from them are marked [jar]):");
      registry.plugins().forEach(jar -> out.println("  " + jar.path() + " - " + jar.summary()));
      out.println();
    }
    for (Family family : Family.values()) {
      out.println(family.plural() + ":");
      for (Map.Entry<String, ? extends ComponentProvider<?, ?>> e :
          registry.providers(family).entrySet()) {
        out.println(
            "  "
                + e.getKey()
                + " - "
                + e.getValue().description()
                + registry.source(e.getValue()).map(jar -> " [" + jar.fileName() + "]").orElse(""));
        for (ParameterSpec p : e.getValue().parameters()) {
          out.println("      " + p.summary());
        }
      }
      out.println();
    }
  }
}
