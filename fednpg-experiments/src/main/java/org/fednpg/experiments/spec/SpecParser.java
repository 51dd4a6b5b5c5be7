package org.fednpg.experiments.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fednpg.api.InvalidInputException;
import org.fednpg.core.run.ComponentSpec;

/**
 * Reads experiment specs from YAML or JSON (JSON is YAML, so one parser serves both) and checks
 * their shape strictly: unknown keys, missing blocks and ill-typed values are errors naming the
 * key and what is accepted. Provider parameters are checked later, against the providers.
 */
public final class SpecParser {

  /** Top-level keys a spec may hold. */
  public static final Set<String> KEYS = Set.of(
      "name", "seed", "iterations", "gamma", "metricsEvery", "threads",
      "environment", "topology", "evaluator", "algorithm", "runtime", "sweep");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private SpecParser() {}

  /** Parses a spec file; errors are prefixed with the file name. */
  public static ExperimentSpec read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": spec file not found", e);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read spec: " + e.getMessage(), e);
    }
    String fallbackName = file.getFileName().toString().replaceFirst("\\.(ya?ml|json)$", "");
    try {
      return parse(text, fallbackName);
    } catch (InvalidInputException e) {
      throw e.in(file.toString());
    }
  }

  /** Parses spec text; {@code fallbackName} is used when the spec has no {@code name}. */
  public static ExperimentSpec parse(String text, String fallbackName) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("malformed spec: " + e.getOriginalMessage().replace('\n', ' ')
          + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() + ", column "
              + e.getLocation().getColumnNr() : ""), e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException("a spec must be a mapping of keys to values");
    }
    return fromTree((ObjectNode) root, fallbackName);
  }

  /** Builds a spec from an already parsed tree. */
  public static ExperimentSpec fromTree(ObjectNode root, String fallbackName) {
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new InvalidInputException("unknown key '" + key + "'; accepted: "
            + String.join(", ", new java.util.TreeSet<>(KEYS)));
      }
    }
    String name = root.has("name") ? text(root, "name") : fallbackName;
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new InvalidInputException("key 'name' must be file-name safe (letters, digits, '.', "
          + "'_', '-'), got '" + name + "'");
    }
    long seed = root.has("seed") ? integer(root, "seed") : 0L;
    long iterations = root.has("iterations") ? integer(root, "iterations")
        : ExperimentSpec.DEFAULT_ITERATIONS;
    if (iterations < 0 || iterations > Integer.MAX_VALUE) {
      throw new InvalidInputException("key 'iterations' must be a whole number >= 0, got "
          + iterations);
    }
    Double gamma = null;
    if (root.has("gamma") && !root.get("gamma").isNull()) {
      JsonNode g = root.get("gamma");
      if (!g.isNumber()) {
        throw new InvalidInputException("key 'gamma' must be a number in [0, 1), got " + g);
      }
      gamma = g.asDouble();
      if (!(gamma >= 0 && gamma < 1)) {
        throw new InvalidInputException("key 'gamma' must be in [0, 1), got " + gamma);
      }
    }
    long every = root.has("metricsEvery") ? integer(root, "metricsEvery") : 1;
    if (every < 1 || every > Integer.MAX_VALUE) {
      throw new InvalidInputException("key 'metricsEvery' must be a whole number >= 1, got " + every);
    }
    Integer threads = null;
    if (root.has("threads") && !root.get("threads").isNull()) {
      long t = integer(root, "threads");
      if (t < 1 || t > 1024) {
        throw new InvalidInputException("key 'threads' must be in [1, 1024], got " + t);
      }
      threads = (int) t;
    }
    ComponentSpec environment = component(root, "environment", true);
    ComponentSpec topology = component(root, "topology", false);
    ComponentSpec evaluator = component(root, "evaluator", false);
    ComponentSpec algorithm = component(root, "algorithm", true);
    ComponentSpec runtime = component(root, "runtime", false);
    Map<String, List<Object>> sweep = sweep(root);
    return new ExperimentSpec(name, seed, (int) iterations, gamma, (int) every, threads,
        environment, topology, evaluator, algorithm, runtime, sweep);
  }

  private static String text(JsonNode root, String key) {
    JsonNode n = root.get(key);
    if (!n.isTextual() && !n.isNumber()) {
      throw new InvalidInputException("key '" + key + "' must be text, got " + n);
    }
    return n.asText();
  }

  private static long integer(JsonNode root, String key) {
    JsonNode n = root.get(key);
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new InvalidInputException("key '" + key + "' must be a whole number, got " + n);
    }
    return n.asLong();
  }

  private static ComponentSpec component(JsonNode root, String key, boolean required) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) {
      if (required) {
        throw new InvalidInputException("missing block '" + key + "' (e.g. " + key
            + ": {type: NAME, ...}); run 'fednpg list' for the available types");
      }
      return null;
    }
    if (!n.isObject()) {
      throw new InvalidInputException("key '" + key + "' must be a block {type: NAME, ...}, got " + n);
    }
    JsonNode type = n.get("type");
    if (type == null || !type.isTextual()) {
      throw new InvalidInputException("block '" + key + "' needs 'type: NAME' (text)");
    }
    Map<String, Object> params = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().equals("type")) {
        continue;
      }
      params.put(e.getKey(), scalar(key + "." + e.getKey(), e.getValue()));
    }
    return new ComponentSpec(type.asText(), params);
  }

  /** A scalar JSON value as a Java object (Long, Double, Boolean, String). */
  static Object scalar(String where, JsonNode v) {
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isTextual()) {
      return v.asText();
    }
    throw new InvalidInputException("key '" + where + "' must be a number, text or boolean, got "
        + (v.isNull() ? "null" : v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
  }

  /** A whole component block as a sweep value: {type: NAME, key: scalar, ...}. */
  private static Map<String, Object> block(String where, JsonNode v) {
    if (!v.has("type") || !v.get("type").isTextual()) {
      throw new InvalidInputException("key '" + where + "': a block value needs 'type: NAME'");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      m.put(e.getKey(), scalar(where + "." + e.getKey(), e.getValue()));
    }
    return m;
  }

  private static Map<String, List<Object>> sweep(JsonNode root) {
    Map<String, List<Object>> sweep = new LinkedHashMap<>();
    JsonNode n = root.get("sweep");
    if (n == null || n.isNull()) {
      return sweep;
    }
    if (!n.isObject()) {
      throw new InvalidInputException("key 'sweep' must map dotted keys to lists of values");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = "sweep." + e.getKey();
      if (!e.getValue().isArray() || e.getValue().isEmpty()) {
        throw new InvalidInputException("key '" + path + "' must be a non-empty list of values");
      }
      List<Object> values = new ArrayList<>();
      for (JsonNode v : e.getValue()) {
        values.add(v.isObject() ? block(path, v) : scalar(path, v));
      }
      sweep.put(e.getKey(), values);
    }
    return sweep;
  }
}
