package org.fednpg.experiments.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.fednpg.core.plugin.ComponentRegistry;
import org.fednpg.core.plugin.PluginJar;
import org.fednpg.core.plugin.PluginPath;
import org.fednpg.core.plugin.Plugins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --plugins PATH} for every command that builds components, given before or after the
 * command name. The plugin path is, in order: the {@code plugins/} folder beside the launcher (when
 * it exists), every {@code FEDNPG_PLUGINS} entry (path-separator list), every {@code --plugins}.
 * All jars load through one class loader (see {@link PluginPath}).
 */
final class PluginOptions {

  /** The environment variable holding extra plugin paths. */
  static final String ENV = "FEDNPG_PLUGINS";

  private static final Logger LOG = LoggerFactory.getLogger(PluginOptions.class);

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--plugins",
      paramLabel = "PATH",
      description =
          "a plugin jar or a folder of jars (repeatable); also ${env:-FEDNPG_PLUGINS} "
              + "and the plugins/ folder beside the launcher")
  List<Path> paths = new ArrayList<>();

  private ComponentRegistry registry;

  /**
   * The registry of this invocation: built-ins plus the plugin path, built on the first call and
   * then passed to everything the command starts (runner, runtimes, cluster nodes).
   */
  ComponentRegistry registry() {
    if (registry == null) {
      registry = build();
    }
    return registry;
  }

  private ComponentRegistry build() {
    List<Path> entries = new ArrayList<>();
    String env = System.getenv(ENV);
    if (env != null) {
      for (String part : env.split(File.pathSeparator)) {
        if (!part.isBlank()) {
          entries.add(Path.of(part.trim()));
        }
      }
    }
    entries.addAll(given());
    PluginPath path = PluginPath.of(entries, launcherFolder().stream().toList());
    for (PluginJar jar : path.jars()) {
      LOG.info("plugin {}", jar.summary());
    }
    return Plugins.registry(path);
  }

  /** Every {@code --plugins} of this command and of the commands above it, outermost first. */
  private List<Path> given() {
    List<CommandSpec> chain = new ArrayList<>();
    for (CommandSpec c = mixee; c != null; c = c.parent()) {
      chain.add(0, c);
    }
    List<Path> all = new ArrayList<>();
    for (CommandSpec c : chain) {
      for (CommandSpec m : c.mixins().values()) {
        if (m.userObject() instanceof PluginOptions o) {
          all.addAll(o.paths);
        }
      }
    }
    return all;
  }

  /**
   * {@code plugins/} beside the launcher: the launcher runs {@code
   * <root>/fednpg-experiments/target/fednpg-experiments.jar}, so that is {@code <root>/plugins};
   * for a jar anywhere else, {@code plugins/} next to the jar. Nothing when not run from a jar.
   */
  static Optional<Path> launcherFolder() {
    Optional<Path> jar = PluginJar.sourceOf(PluginOptions.class);
    if (jar.isEmpty() || !Files.isRegularFile(jar.get())) {
      return Optional.empty();
    }
    Path dir = jar.get().getParent();
    if (dir.getFileName() != null
        && dir.getFileName().toString().equals("target")
        && dir.getParent() != null
        && dir.getParent().getParent() != null) {
      return Optional.of(dir.getParent().getParent().resolve("plugins"));
    }
    return Optional.of(dir.resolve("plugins"));
  }
}
