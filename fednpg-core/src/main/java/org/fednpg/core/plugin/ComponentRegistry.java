package org.fednpg.core.plugin;

import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.fednpg.api.ComponentProvider;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.Parameters;
import org.fednpg.api.PolicyEvaluatorProvider;
import org.fednpg.api.TopologyProvider;
import org.fednpg.api.run.AlgorithmProvider;
import org.fednpg.core.runtime.RuntimeProvider;

/**
 * Every registered provider, by family and name. Looking up an unknown name is an error that
 * lists the available names.
 */
public final class ComponentRegistry {

  /** The four plugin families, as named in specs and messages. */
  public enum Family {
    ENVIRONMENT("environment"),
    TOPOLOGY("topology"),
    EVALUATOR("evaluator"),
    ALGORITHM("algorithm"),
    RUNTIME("runtime");

    private final String label;

    Family(String label) {
      this.label = label;
    }

    /** The spec key of this family. */
    public String label() {
      return label;
    }
  }

  private final Map<String, EnvironmentProvider> environments;
  private final Map<String, TopologyProvider> topologies;
  private final Map<String, PolicyEvaluatorProvider> evaluators;
  private final Map<String, AlgorithmProvider> algorithms;
  private final Map<String, RuntimeProvider> runtimes;
  private final List<PluginJar> plugins;

  @Inject
  ComponentRegistry(
      Map<String, EnvironmentProvider> environments,
      Map<String, TopologyProvider> topologies,
      Map<String, PolicyEvaluatorProvider> evaluators,
      Map<String, AlgorithmProvider> algorithms,
      Map<String, RuntimeProvider> runtimes) {
    this.environments = sorted(environments);
    this.topologies = sorted(topologies);
    this.evaluators = sorted(evaluators);
    this.algorithms = sorted(algorithms);
    this.runtimes = sorted(runtimes);
    this.plugins = List.of();
  }

  private ComponentRegistry(ComponentRegistry base, List<PluginJar> plugins) {
    this.environments = base.environments;
    this.topologies = base.topologies;
    this.evaluators = base.evaluators;
    this.algorithms = base.algorithms;
    this.runtimes = base.runtimes;
    this.plugins = List.copyOf(plugins);
  }

  /** This registry, recording that its providers were searched for in {@code jars} too. */
  ComponentRegistry withPlugins(List<PluginJar> jars) {
    return new ComponentRegistry(this, jars);
  }

  /** The plugin jars loaded besides fednpg's own classes, in load order (empty when none). */
  public List<PluginJar> plugins() {
    return plugins;
  }

  /** The plugin jar a provider came from; empty for fednpg's own (built-in) providers. */
  public Optional<PluginJar> source(ComponentProvider<?, ?> provider) {
    Optional<Path> where = PluginJar.sourceOf(provider.getClass());
    if (where.isEmpty()) {
      return Optional.empty();
    }
    for (PluginJar jar : plugins) {
      if (jar.path().toAbsolutePath().normalize().equals(where.get())) {
        return Optional.of(jar);
      }
    }
    return Optional.empty();
  }

  private static <V> Map<String, V> sorted(Map<String, V> m) {
    return Collections.unmodifiableMap(new TreeMap<>(m));
  }

  public EnvironmentProvider environment(String name) {
    return lookup(Family.ENVIRONMENT, environments, name);
  }

  public TopologyProvider topology(String name) {
    return lookup(Family.TOPOLOGY, topologies, name);
  }

  public PolicyEvaluatorProvider evaluator(String name) {
    return lookup(Family.EVALUATOR, evaluators, name);
  }

  public AlgorithmProvider algorithm(String name) {
    return lookup(Family.ALGORITHM, algorithms, name);
  }

  public RuntimeProvider runtime(String name) {
    return lookup(Family.RUNTIME, runtimes, name);
  }

  /** The providers of one family, sorted by name. */
  public Map<String, ? extends ComponentProvider<?, ?>> providers(Family family) {
    switch (family) {
      case ENVIRONMENT:
        return environments;
      case TOPOLOGY:
        return topologies;
      case EVALUATOR:
        return evaluators;
      case ALGORITHM:
        return algorithms;
      case RUNTIME:
        return runtimes;
      default:
        throw new IllegalStateException("unhandled family " + family);
    }
  }

  /** Looks up a provider of any family. */
  public ComponentProvider<?, ?> provider(Family family, String name) {
    return lookup(family, providers(family), name);
  }

  private <P> P lookup(Family family, Map<String, P> map, String name) {
    P p = map.get(name);
    if (p == null) {
      throw new InvalidInputException(
          "unknown " + family.label() + " type '" + name + "'; available: "
              + String.join(", ", map.keySet()) + "; " + searched());
    }
    return p;
  }

  /** Which plugin jars were searched, for messages about a missing component. */
  private String searched() {
    if (plugins.isEmpty()) {
      return "no plugin jars loaded (a plugin is added with --plugins PATH, FEDNPG_PLUGINS or "
          + "the plugins/ folder beside the launcher)";
    }
    StringBuilder b = new StringBuilder("plugin jars searched: ");
    for (int i = 0; i < plugins.size(); i++) {
      b.append(i == 0 ? "" : ", ").append(plugins.get(i).path());
    }
    return b.toString();
  }

  /**
   * Validates raw parameters against a provider's specs.
   *
   * @param family for the error prefix
   * @param provider the provider
   * @param raw given values
   * @param baseDirectory folder relative paths resolve against
   */
  public static Parameters parameters(
      Family family, ComponentProvider<?, ?> provider, Map<String, ?> raw, Path baseDirectory) {
    return Parameters.resolve(
        family.label() + " '" + provider.name() + "'", provider.parameters(), raw, baseDirectory);
  }
}
