package org.fednpg.core.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.fednpg.api.ComponentProvider;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.FedNpgException;
import org.fednpg.api.PolicyEvaluatorProvider;
import org.fednpg.api.TopologyProvider;
import org.fednpg.api.run.AlgorithmProvider;
import org.fednpg.core.runtime.RuntimeProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers the providers of every plugin family with {@link ServiceLoader} on a class loader and
 * binds each into a {@code MapBinder<String, Family>} under its name. A duplicate name within a
 * family is an error naming both implementations.
 */
public final class PluginModule extends AbstractModule {

  private static final Logger LOG = LoggerFactory.getLogger(PluginModule.class);

  private final Map<String, EnvironmentProvider> environments;
  private final Map<String, TopologyProvider> topologies;
  private final Map<String, PolicyEvaluatorProvider> evaluators;
  private final Map<String, AlgorithmProvider> algorithms;
  private final Map<String, RuntimeProvider> runtimes;

  /**
   * Discovers every family eagerly, so that discovery errors surface as plain exceptions rather
   * than wrapped in Guice's.
   *
   * @throws FedNpgException on duplicate or invalid names
   */
  public PluginModule(ClassLoader classLoader) {
    this.environments = discover(EnvironmentProvider.class, classLoader);
    this.topologies = discover(TopologyProvider.class, classLoader);
    this.evaluators = discover(PolicyEvaluatorProvider.class, classLoader);
    this.algorithms = discover(AlgorithmProvider.class, classLoader);
    this.runtimes = discover(RuntimeProvider.class, classLoader);
  }

  @Override
  protected void configure() {
    bindFamily(EnvironmentProvider.class, environments);
    bindFamily(TopologyProvider.class, topologies);
    bindFamily(PolicyEvaluatorProvider.class, evaluators);
    bindFamily(AlgorithmProvider.class, algorithms);
    bindFamily(RuntimeProvider.class, runtimes);
  }

  private <P extends ComponentProvider<?, ?>> void bindFamily(
      Class<P> family, Map<String, P> providers) {
    MapBinder<String, P> binder = MapBinder.newMapBinder(binder(), String.class, family);
    for (Map.Entry<String, P> e : providers.entrySet()) {
      binder.addBinding(e.getKey()).toInstance(e.getValue());
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
        problems.add(provider.getClass().getName() + " has an invalid name '" + name
            + "' (lower-case letters, digits, '.', '_' or '-')");
        continue;
      }
      P previous = byName.putIfAbsent(name, provider);
      if (previous != null) {
        problems.add("duplicate " + family.getSimpleName() + " name '" + name + "': "
            + previous.getClass().getName() + " and " + provider.getClass().getName());
      }
    }
    if (!problems.isEmpty()) {
      throw new FedNpgException("plugin discovery failed: " + String.join("; ", problems));
    }
    LOG.debug("{}: {}", family.getSimpleName(), byName.keySet());
    return byName;
  }
}
