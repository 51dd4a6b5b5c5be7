package org.fednpg.core.plugin;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;

/**
 * The one place the Guice injector is built. There is no process-wide registry: whoever starts a
 * piece of work (the command line, a benchmark, a test) builds one registry and passes it to what
 * needs it ({@code ExperimentRunner}, the runtimes through {@code RuntimeContext}, cluster nodes).
 */
public final class Plugins {

  private Plugins() {}

  /**
   * A new registry of fednpg's own providers and every other provider on this class's class loader
   * (no plugin jars). Each call discovers afresh; keep the result.
   */
  public static ComponentRegistry registry() {
    return registry(Plugins.class.getClassLoader());
  }

  /** A registry over the providers visible to {@code loader} (e.g. one with extra plugin jars). */
  public static ComponentRegistry registry(ClassLoader loader) {
    Injector injector = Guice.createInjector(Stage.PRODUCTION, new PluginModule(loader));
    return injector.getInstance(ComponentRegistry.class);
  }

  /**
   * A registry over fednpg's own providers and those of the plugin jars, loaded through one class
   * loader; it knows which jar each provider came from.
   */
  public static ComponentRegistry registry(PluginPath plugins) {
    return registry(plugins.classLoader(Plugins.class.getClassLoader()))
        .withPlugins(plugins.jars());
  }
}
