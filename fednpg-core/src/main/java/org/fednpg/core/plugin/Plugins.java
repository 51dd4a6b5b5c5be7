package org.fednpg.core.plugin;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;

/** The one place the Guice injector is built. */
public final class Plugins {

  private static volatile ComponentRegistry shared;

  private Plugins() {}

  /** The registry of every provider on this class's class loader, built on first use. */
  public static ComponentRegistry registry() {
    ComponentRegistry r = shared;
    if (r == null) {
      synchronized (Plugins.class) {
        r = shared;
        if (r == null) {
          r = registry(Plugins.class.getClassLoader());
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
}
