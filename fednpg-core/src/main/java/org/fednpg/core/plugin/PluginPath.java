package org.fednpg.core.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.fednpg.api.InvalidInputException;

/**
 * The plugin jars of one process: each entry of the plugin path is a jar or a folder whose {@code
 * *.jar} files (sorted by name, not recursive) are all loaded. Every jar is loaded through one
 * {@link URLClassLoader} whose parent is fednpg's own, so a plugin sees the API and the built-ins
 * and adds its providers through its {@code META-INF/services}.
 */
public final class PluginPath {

  private final List<PluginJar> jars;

  private PluginPath(List<PluginJar> jars) {
    this.jars = List.copyOf(jars);
  }

  /** No plugin jars. */
  public static PluginPath empty() {
    return new PluginPath(List.of());
  }

  /**
   * Resolves entries (jars or folders) into jars, in order, without duplicates.
   *
   * @param entries jars or folders given by the user; each must exist
   * @param optionalFolders folders scanned first when they exist (e.g. {@code plugins/} beside the
   *     launcher), silently skipped when they do not
   * @throws InvalidInputException for a missing path or a file that is not a jar
   */
  public static PluginPath of(List<Path> entries, List<Path> optionalFolders) {
    Map<Path, PluginJar> jars = new LinkedHashMap<>();
    for (Path folder : optionalFolders) {
      if (Files.isDirectory(folder)) {
        addFolder(folder, jars);
      }
    }
    for (Path entry : entries) {
      Path p = entry.toAbsolutePath().normalize();
      if (Files.isDirectory(p)) {
        addFolder(p, jars);
      } else if (Files.isRegularFile(p)) {
        if (!p.getFileName().toString().endsWith(".jar")) {
          throw new InvalidInputException(
              "plugin path " + entry + ": expected a .jar file or a " + "folder of jars");
        }
        jars.computeIfAbsent(p, PluginJar::of);
      } else {
        throw new InvalidInputException("plugin path " + entry + ": no such file or folder");
      }
    }
    return new PluginPath(new ArrayList<>(jars.values()));
  }

  private static void addFolder(Path folder, Map<Path, PluginJar> jars) {
    try (Stream<Path> files = Files.list(folder)) {
      files
          .filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
          .map(f -> f.toAbsolutePath().normalize())
          .sorted()
          .forEach(f -> jars.computeIfAbsent(f, PluginJar::of));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list plugin folder " + folder, e);
    }
  }

  /** The jars, in load order. */
  public List<PluginJar> jars() {
    return jars;
  }

  /**
   * One class loader over every jar, child of {@code parent}; {@code parent} when there are none.
   */
  public ClassLoader classLoader(ClassLoader parent) {
    if (jars.isEmpty()) {
      return parent;
    }
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      try {
        urls[i] = jars.get(i).path().toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalStateException("bad plugin path " + jars.get(i).path(), e);
      }
    }
    // never closed: the process uses the plugins' classes until it exits
    return new URLClassLoader("fednpg-plugins", urls, parent);
  }
}
