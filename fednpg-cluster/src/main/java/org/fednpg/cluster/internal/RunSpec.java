package org.fednpg.cluster.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fednpg.api.InvalidInputException;
import org.fednpg.core.plugin.ComponentRegistry.Family;
import org.fednpg.core.robust.AdversarySpec;
import org.fednpg.core.run.ComponentSpec;
import org.fednpg.core.run.RunRequest;

/**
 * A {@link RunRequest} in a serialisable form: every node rebuilds the same run from it (same seed,
 * same components), so agents never ship rewards or models over the network. Parameter values keep
 * their Java type through {@link Value} (a {@code Long} stays a {@code Long}, a {@code Double} is
 * written with {@link Double#toString} and read back bit for bit).
 *
 * @param seed master seed
 * @param gamma discount override, or null
 * @param environment environment block
 * @param topology topology block, or null
 * @param evaluator evaluator block, or null
 * @param algorithm algorithm block
 * @param baseDirectory folder relative paths resolve against (must exist on every node)
 * @param adversary the adversary block, or null (every node wraps its own adversaries)
 */
public record RunSpec(
    long seed,
    Double gamma,
    Component environment,
    Component topology,
    Component evaluator,
    Component algorithm,
    String baseDirectory,
    AdversarySpec adversary)
    implements ClusterMessage {

  /** A spec without adversaries. */
  public RunSpec(
      long seed,
      Double gamma,
      Component environment,
      Component topology,
      Component evaluator,
      Component algorithm,
      String baseDirectory) {
    this(seed, gamma, environment, topology, evaluator, algorithm, baseDirectory, null);
  }

  /**
   * The block of one plugin family, or null when the run has none (the runtime block stays with the
   * submitter: nodes never see it).
   */
  public Component component(Family family) {
    return switch (family) {
      case ENVIRONMENT -> environment;
      case TOPOLOGY -> topology;
      case EVALUATOR -> evaluator;
      case ALGORITHM -> algorithm;
      case RUNTIME -> null;
    };
  }

  /**
   * One component block.
   *
   * @param type provider name
   * @param parameters raw values
   */
  public record Component(String type, Map<String, Value> parameters) implements ClusterMessage {}

  /**
   * A scalar parameter value with its Java type.
   *
   * @param kind one of long, integer, double, boolean, string
   * @param text the value as text
   */
  public record Value(String kind, String text) implements ClusterMessage {}

  /** The serialisable form of {@code request}; refuses non-scalar parameter values. */
  public static RunSpec of(RunRequest request) {
    return new RunSpec(
        request.seed(),
        request.gamma(),
        component(request.environment()),
        component(request.topology()),
        component(request.evaluator()),
        component(request.algorithm()),
        request.baseDirectory().toAbsolutePath().toString(),
        request.adversary());
  }

  /** The request this spec describes. */
  public RunRequest toRequest() {
    return new RunRequest(
        seed,
        gamma,
        spec(environment),
        spec(topology),
        spec(evaluator),
        spec(algorithm),
        Path.of(baseDirectory),
        adversary);
  }

  private static Component component(ComponentSpec spec) {
    if (spec == null) {
      return null;
    }
    Map<String, Value> m = new LinkedHashMap<>();
    spec.parameters().forEach((k, v) -> m.put(k, value(spec.type(), k, v)));
    return new Component(spec.type(), m);
  }

  private static Value value(String type, String key, Object v) {
    if (v instanceof Long l) {
      return new Value("long", Long.toString(l));
    }
    if (v instanceof Integer i) {
      return new Value("integer", Integer.toString(i));
    }
    if (v instanceof Double d) {
      return new Value("double", Double.toString(d));
    }
    if (v instanceof Boolean b) {
      return new Value("boolean", Boolean.toString(b));
    }
    if (v instanceof String || v instanceof Path) {
      return new Value("string", v.toString());
    }
    throw new InvalidInputException(
        "runtime 'pekko' cannot ship parameter '"
            + key
            + "' of '"
            + type
            + "' to other nodes: expected a number, boolean or string, got "
            + (v == null ? "null" : v.getClass().getSimpleName()));
  }

  private static ComponentSpec spec(Component c) {
    if (c == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    c.parameters()
        .forEach(
            (k, v) ->
                m.put(
                    k,
                    switch (v.kind()) {
                      case "long" -> Long.parseLong(v.text());
                      case "integer" -> Integer.parseInt(v.text());
                      case "double" -> Double.parseDouble(v.text());
                      case "boolean" -> Boolean.parseBoolean(v.text());
                      case "string" -> v.text();
                      default ->
                          throw new InvalidInputException(
                              "parameter '"
                                  + k
                                  + "' of '"
                                  + c.type()
                                  + "' has unknown kind '"
                                  + v.kind()
                                  + "'");
                    }));
    return new ComponentSpec(c.type(), m);
  }
}
