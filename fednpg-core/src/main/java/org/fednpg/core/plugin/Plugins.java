package org.fednpg.core.plugin;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;

/** The one place the Guice injector is built. */
public final class Plugins {

  private static volatile ComponentRegistry shared;
  private static volatile PluginPath installed = PluginPath.empty();

  private Plugins() {}

  /**
   * The registry of every provider on this class's class loader and the installed plugin path
   * (see {@link #install}), built on first use.
   */
  public static ComponentRegistry registry() {
    ComponentRegistry r = shared;
    if (r == null) {
      synchronized (Plugins.class) {
        r = shared;
        if (r == null) {
          r = registry(installed);
          shared = r;
        }
      }
    }
    return r;
  }

  /** A registry over the providers visible to {@code loader} (e.g. one with extra plugin jars). */
  public static ComponentRegistry registry(ClassLoader loader) {
    Injector injector = Guice.createInjector(Stage.PRODUCTION, new PluginModule(loader));
    return injector.getInstance(ComponentRegistry.class);
  }

  /**
   * A registry over fednpg's own providers and those of the plugin jars, loaded through one
   * class loader; it knows which jar each provider came from.
   */
  public static ComponentRegistry registry(PluginPath plugins) {
    return registry(plugins.classLoader(Plugins.class.getClassLoader())).withPlugins(plugins.jars());
  }

  /**
   * Makes {@link #registry()} include {@code plugins} for the rest of the process (the command
   * line does this once, before it builds anything, so that every part of the process, cluster
   * nodes included, sees the same components).
   *
   * @return the registry now shared
   */
  public static synchronized ComponentRegistry install(PluginPath plugins) {
    if (shared != null && installed.jars().equals(plugins.jars())) {
      return shared; // the same jars (paths, versions, digests): nothing to reload
    }
    installed = plugins;
    shared = registry(plugins);
    return shared;
  }
}
