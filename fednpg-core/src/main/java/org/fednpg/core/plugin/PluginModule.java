package org.fednpg.core.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.fednpg.api.ComponentProvider;
import org.fednpg.api.FedNpgException;
import org.fednpg.core.plugin.ComponentRegistry.Family;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers the providers of every plugin family of {@link Family} with {@link ServiceLoader} on a
 * class loader and binds each into a {@code MapBinder<String, Family>} under its name. A duplicate
 * name within a family is an error naming both implementations.
 */
public final class PluginModule extends AbstractModule {

  private static final Logger LOG = LoggerFactory.getLogger(PluginModule.class);

  private final Map<Family, Map<String, ComponentProvider<?, ?>>> discovered =
      new EnumMap<>(Family.class);

  /**
   * Discovers every family of {@link Family} eagerly, so that discovery errors surface as plain
   * exceptions rather than wrapped in Guice's.
   *
   * @throws FedNpgException on duplicate or invalid names
   */
  public PluginModule(ClassLoader classLoader) {
    for (Family family : Family.values()) {
      discovered.put(family, new LinkedHashMap<>(discover(family.providerType(), classLoader)));
    }
  }

  @Override
  protected void configure() {
    for (Family family : Family.values()) {
      bindFamily(family.providerType(), discovered.get(family));
    }
  }

  private <P extends ComponentProvider<?, ?>> void bindFamily(
      Class<P> type, Map<String, ComponentProvider<?, ?>> providers) {
    MapBinder<String, P> binder = MapBinder.newMapBinder(binder(), String.class, type);
    for (Map.Entry<String, ComponentProvider<?, ?>> e : providers.entrySet()) {
      binder.addBinding(e.getKey()).toInstance(type.cast(e.getValue()));
    }
  }

  /** All providers of a family on the class loader, by name, refusing duplicates and bad names. */
  static <P extends ComponentProvider<?, ?>> Map<String, P> discover(
      Class<P> family, ClassLoader loader) {
    Map<String, P> byName = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (P provider : ServiceLoader.load(family, loader)) {
      String name = provider.name();
      if (name == null || !name.matches("[a-z0-9][a-z0-9._-]*")) {
        problems.add(
            provider.getClass().getName()
                + " has an invalid name '"
                + name
                + "' (lower-case letters, digits, '.', '_' or '-')");
        continue;
      }
      P previous = byName.putIfAbsent(name, provider);
      if (previous != null) {
        problems.add(
            "duplicate "
                + family.getSimpleName()
                + " name '"
                + name
                + "': "
                + previous.getClass().getName()
                + " and "
                + provider.getClass().getName());
      }
    }
    if (!problems.isEmpty()) {
      throw new FedNpgException("plugin discovery failed: " + String.join("; ", problems));
    }
    LOG.debug("{}: {}", family.getSimpleName(), byName.keySet());
    return byName;
  }
}
