package org.fednpg.core.plugin;

import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.util.Types;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
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
 * Every registered provider, by family and name. Looking up an unknown name is an error that lists
 * the available names and the plugin jars searched. The families are declared once, in {@link
 * Family}: discovery ({@link PluginModule}), this registry and {@code fednpg list} iterate over
 * that table.
 */
public final class ComponentRegistry {

  /** The plugin families: spec key, plural for listings, and the provider interface. */
  public enum Family {
    ENVIRONMENT("environment", "environments", EnvironmentProvider.class),
    TOPOLOGY("topology", "topologies", TopologyProvider.class),
    EVALUATOR("evaluator", "evaluators", PolicyEvaluatorProvider.class),
    ALGORITHM("algorithm", "algorithms", AlgorithmProvider.class),
    RUNTIME("runtime", "runtimes", RuntimeProvider.class);

    private final String label;
    private final String plural;
    private final Class<? extends ComponentProvider<?, ?>> providerType;

    Family(String label, String plural, Class<? extends ComponentProvider<?, ?>> providerType) {
      this.label = label;
      this.plural = plural;
      this.providerType = providerType;
    }

    /** The spec key of this family. */
    public String label() {
      return label;
    }

    /** The family's name in listings ("topologies"). */
    public String plural() {
      return plural;
    }

    /** The family whose spec key is {@code label}. */
    public static Family of(String label) {
      for (Family f : values()) {
        if (f.label.equals(label)) {
          return f;
        }
      }
      throw new IllegalArgumentException("no plugin family '" + label + "'");
    }

    /** The provider interface a plugin implements and lists in {@code META-INF/services}. */
    public Class<? extends ComponentProvider<?, ?>> providerType() {
      return providerType;
    }
  }

  private final Map<Family, Map<String, ComponentProvider<?, ?>>> byFamily;
  private final List<PluginJar> plugins;

  @Inject
  ComponentRegistry(Injector injector) {
    Map<Family, Map<String, ComponentProvider<?, ?>>> m = new EnumMap<>(Family.class);
    for (Family family : Family.values()) {
      Map<?, ?> bound =
          (Map<?, ?>)
              injector.getInstance(Key.get(Types.mapOf(String.class, family.providerType())));
      Map<String, ComponentProvider<?, ?>> sorted = new TreeMap<>();
      bound.forEach((k, v) -> sorted.put((String) k, family.providerType().cast(v)));
      m.put(family, Collections.unmodifiableMap(sorted));
    }
    this.byFamily = Collections.unmodifiableMap(m);
    this.plugins = List.of();
  }

  private ComponentRegistry(ComponentRegistry base, List<PluginJar> plugins) {
    this.byFamily = base.byFamily;
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
    return (EnvironmentProvider) provider(Family.ENVIRONMENT, name);
  }

  public TopologyProvider topology(String name) {
    return (TopologyProvider) provider(Family.TOPOLOGY, name);
  }

  public PolicyEvaluatorProvider evaluator(String name) {
    return (PolicyEvaluatorProvider) provider(Family.EVALUATOR, name);
  }

  public AlgorithmProvider algorithm(String name) {
    return (AlgorithmProvider) provider(Family.ALGORITHM, name);
  }

  public RuntimeProvider runtime(String name) {
    return (RuntimeProvider) provider(Family.RUNTIME, name);
  }

  /** The providers of one family, sorted by name. */
  public Map<String, ? extends ComponentProvider<?, ?>> providers(Family family) {
    return byFamily.get(family);
  }

  /** Looks up a provider of any family. */
  public ComponentProvider<?, ?> provider(Family family, String name) {
    return lookup(family, byFamily.get(family), name);
  }

  private <P> P lookup(Family family, Map<String, P> map, String name) {
    P p = map.get(name);
    if (p == null) {
      throw new InvalidInputException(
          "unknown "
              + family.label()
              + " type '"
              + name
              + "'; available: "
              + String.join(", ", map.keySet())
              + "; "
              + searched());
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
