package org.fednpg.experiments.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.io.InputFiles;
import org.fednpg.core.plugin.ComponentRegistry.Family;
import org.fednpg.core.robust.AdversarySpec;
import org.fednpg.core.robust.Attack;
import org.fednpg.core.run.ComponentSpec;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;

/**
 * Reads experiment specs from YAML or JSON (JSON is YAML, so one parser serves both) and checks
 * their shape strictly: unknown keys, missing blocks and ill-typed values are errors naming the key
 * and what is accepted. Provider parameters are checked later, against the providers.
 */
public final class SpecParser {

  /** The families whose block a spec must have; every other family's block is optional. */
  private static final Set<Family> REQUIRED = EnumSet.of(Family.ENVIRONMENT, Family.ALGORITHM);

  /** Top-level keys a spec may hold: the settings, one block per plugin family, the sweep. */
  public static final Set<String> KEYS = keys();

  private static Set<String> keys() {
    Set<String> keys =
        new LinkedHashSet<>(
            List.of("name", "seed", "iterations", "gamma", "metricsEvery", "threads"));
    for (Family family : Family.values()) {
      keys.add(family.label());
    }
    keys.add("sweep");
    keys.add("adversary");
    return Collections.unmodifiableSet(keys);
  }

  /** Keys of the {@code adversary} block. */
  public static final Set<String> ADVERSARY_KEYS =
      Set.of("agents", "count", "attack", "scale", "sigma", "value", "lag");

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private SpecParser() {}

  /** Largest spec file accepted: 1 MiB (our choice; real specs are a few hundred bytes). */
  public static final long MAX_SPEC_BYTES = 1L << 20;

  /** Longest text value or key accepted in a spec, in characters (our choice). */
  public static final int MAX_TEXT = 4096;

  /** Longest value quoted in an error message, in characters. */
  static final int QUOTE = 80;

  /** Parses a spec file; errors are prefixed with the file name. */
  public static ExperimentSpec read(Path file) {
    String text = InputFiles.readString(file, "spec file", MAX_SPEC_BYTES);
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
      screen(text);
      refuseAnchors(text);
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          "malformed spec: "
              + oneLine(e.getOriginalMessage())
              + (e.getLocation() != null
                  ? " at line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr()
                  : ""),
          e);
    } catch (IOException e) {
      throw new InvalidInputException("malformed spec: " + oneLine(e.getMessage()), e);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException("a spec must be a mapping of keys to values");
    }
    return fromTree((ObjectNode) root, fallbackName);
  }

  /**
   * Streams through the text once before it is turned into a tree, refusing what a tree would
   * mangle: whole numbers beyond 64 bits and numbers beyond a double (quoted as written), and
   * over-long text.
   */
  private static void screen(String text) throws IOException {
    try (JsonParser p = YAML.getFactory().createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME || t == JsonToken.VALUE_STRING) {
          if (p.getTextLength() > MAX_TEXT) {
            throw new InvalidInputException(
                "key '"
                    + key(p)
                    + "': "
                    + (t == JsonToken.FIELD_NAME ? "a key" : "text")
                    + " of "
                    + p.getTextLength()
                    + " characters, more than the limit of "
                    + MAX_TEXT
                    + " (starts '"
                    + quote(p.getText())
                    + "')");
          }
        } else if (t == JsonToken.VALUE_NUMBER_INT) {
          if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new InvalidInputException(
                "key '"
                    + key(p)
                    + "': whole number out of range "
                    + "(beyond 64 bits): "
                    + quote(p.getText()));
          }
        } else if (t == JsonToken.VALUE_NUMBER_FLOAT) {
          if (!Double.isFinite(p.getDoubleValue())) {
            throw new InvalidInputException(
                "key '"
                    + key(p)
                    + "': number out of range (beyond "
                    + "a double): "
                    + quote(p.getText()));
          }
        }
      }
    }
  }

  /**
   * Refuses YAML anchors ({@code &a}) and aliases ({@code *a}): Jackson reads an alias as the text
   * of its name and does not report anchors on scalars, so SnakeYAML's event stream is asked.
   */
  private static void refuseAnchors(String text) {
    try {
      for (Event e : new Yaml().parse(new StringReader(text))) {
        if (e instanceof AliasEvent a) {
          throw anchors("alias '*" + quote(a.getAnchor()) + "'", e);
        }
        if (e instanceof NodeEvent n && n.getAnchor() != null) {
          throw anchors("anchor '&" + quote(n.getAnchor()) + "'", e);
        }
      }
    } catch (YAMLException e) {
      throw new InvalidInputException("malformed spec: " + oneLine(e.getMessage()), e);
    }
  }

  private static InvalidInputException anchors(String what, Event e) {
    return new InvalidInputException(
        "YAML "
            + what
            + " at line "
            + (e.getStartMark().getLine() + 1)
            + ", column "
            + (e.getStartMark().getColumn() + 1)
            + ": anchors and aliases are not "
            + "supported in specs (our choice); write the value out");
  }

  /** The dotted key of the parser's current value, e.g. {@code environment.states}. */
  private static String key(JsonParser p) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject() && c.getCurrentName() != null) {
        parts.add(0, c.getCurrentName());
      } else if (c.inArray()) {
        parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
      }
    }
    return quote(String.join(".", parts).replace(".[", "["));
  }

  /** A value for an error message: on one line, at most {@value #QUOTE} characters. */
  public static String quote(String s) {
    String line = oneLine(s);
    return line.length() <= QUOTE ? line : line.substring(0, QUOTE) + "...";
  }

  private static String oneLine(String s) {
    return String.valueOf(s).replace("\r", " ").replace('\n', ' ');
  }

  /** Builds a spec from an already parsed tree. */
  public static ExperimentSpec fromTree(ObjectNode root, String fallbackName) {
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw new InvalidInputException(
            "unknown key '"
                + key
                + "'; accepted: "
                + String.join(", ", new java.util.TreeSet<>(KEYS)));
      }
    }
    String name = root.has("name") ? text(root, "name") : fallbackName;
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new InvalidInputException(
          "key 'name' must be file-name safe (letters, digits, '.', "
              + "'_', '-'), got '"
              + quote(name)
              + "'");
    }
    if (name.length() > Sweeps.MAX_NAME) {
      throw new InvalidInputException(
          "key 'name' has "
              + name.length()
              + " characters, more "
              + "than the limit of "
              + Sweeps.MAX_NAME
              + " for a folder name, got '"
              + quote(name)
              + "'");
    }
    long seed = root.has("seed") ? integer(root, "seed") : 0L;
    long iterations =
        root.has("iterations") ? integer(root, "iterations") : ExperimentSpec.DEFAULT_ITERATIONS;
    if (iterations < 0 || iterations > Integer.MAX_VALUE) {
      throw new InvalidInputException(
          "key 'iterations' must be a whole number in [0, "
              + Integer.MAX_VALUE
              + "], got "
              + iterations);
    }
    Double gamma = null;
    if (root.has("gamma") && !root.get("gamma").isNull()) {
      JsonNode g = root.get("gamma");
      if (!g.isNumber()) {
        throw new InvalidInputException(
            "key 'gamma' must be a number in [0, 1), got " + quote(g.toString()));
      }
      gamma = g.asDouble();
      if (!(gamma >= 0 && gamma < 1)) {
        throw new InvalidInputException("key 'gamma' must be in [0, 1), got " + gamma);
      }
    }
    long every = root.has("metricsEvery") ? integer(root, "metricsEvery") : 1;
    if (every < 1 || every > Integer.MAX_VALUE) {
      throw new InvalidInputException(
          "key 'metricsEvery' must be a whole number in [1, "
              + Integer.MAX_VALUE
              + "], got "
              + every);
    }
    Integer threads = null;
    if (root.has("threads") && !root.get("threads").isNull()) {
      long t = integer(root, "threads");
      if (t < 1 || t > 1024) {
        throw new InvalidInputException("key 'threads' must be in [1, 1024], got " + t);
      }
      threads = (int) t;
    }
    Map<Family, ComponentSpec> blocks = new EnumMap<>(Family.class);
    for (Family family : Family.values()) {
      ComponentSpec block = component(root, family.label(), REQUIRED.contains(family));
      if (block != null) {
        blocks.put(family, block);
      }
    }
    Map<String, List<Object>> sweep = sweep(root);
    AdversarySpec adversary = adversary(root.get("adversary"));
    return new ExperimentSpec(
        name,
        seed,
        (int) iterations,
        gamma,
        (int) every,
        threads,
        blocks.get(Family.ENVIRONMENT),
        blocks.get(Family.TOPOLOGY),
        blocks.get(Family.EVALUATOR),
        blocks.get(Family.ALGORITHM),
        blocks.get(Family.RUNTIME),
        sweep,
        adversary);
  }

  /**
   * The {@code adversary} block: {agents: [ids] | count: f, attack: NAME, scale | sigma | value |
   * lag}. A parameter the attack does not use is refused, as is any other key.
   */
  private static AdversarySpec adversary(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw new InvalidInputException(
          "key 'adversary' must be a block {count: f | agents: [ids], "
              + "attack: NAME, ...}, got "
              + quote(n.toString()));
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!ADVERSARY_KEYS.contains(key)) {
        throw new InvalidInputException(
            "unknown key 'adversary."
                + key
                + "'; accepted: "
                + String.join(", ", new java.util.TreeSet<>(ADVERSARY_KEYS)));
      }
    }
    List<Integer> agents = null;
    if (n.has("agents")) {
      JsonNode a = n.get("agents");
      if (!a.isArray()) {
        throw new InvalidInputException(
            "key 'adversary.agents' must be a list of agent ids, got " + quote(a.toString()));
      }
      agents = new ArrayList<>();
      for (JsonNode id : a) {
        if (!id.isIntegralNumber() || !id.canConvertToInt()) {
          throw new InvalidInputException(
              "key 'adversary.agents' must hold whole numbers, got " + quote(id.toString()));
        }
        agents.add(id.asInt());
      }
    }
    Integer count = null;
    if (n.has("count")) {
      long c = integer(n, "count", "adversary.count");
      if (c < 0 || c > Integer.MAX_VALUE) {
        throw new InvalidInputException("key 'adversary.count' must be >= 0, got " + c);
      }
      count = (int) c;
    }
    if (!n.has("attack") || !n.get("attack").isTextual()) {
      throw new InvalidInputException(
          "block 'adversary' needs 'attack: NAME' (text), one of "
              + java.util.Arrays.stream(Attack.values()).map(Attack::specName).toList());
    }
    String attack = n.get("attack").asText();
    Attack kind = Attack.of(attack);
    checkUses(n, "scale", kind, Attack.SCALED);
    checkUses(n, "sigma", kind, Attack.RANDOM);
    checkUses(n, "value", kind, Attack.CONSTANT);
    checkUses(n, "lag", kind, Attack.STALE);
    double scale = n.has("scale") ? number(n, "scale") : AdversarySpec.DEFAULT_SCALE;
    double sigma = n.has("sigma") ? number(n, "sigma") : AdversarySpec.DEFAULT_SIGMA;
    double value = n.has("value") ? number(n, "value") : AdversarySpec.DEFAULT_VALUE;
    long lag = n.has("lag") ? integer(n, "lag", "adversary.lag") : AdversarySpec.DEFAULT_LAG;
    if (lag < 1 || lag > 1_000_000) {
      throw new InvalidInputException("key 'adversary.lag' must be in [1, 1000000], got " + lag);
    }
    return new AdversarySpec(agents, count, attack, scale, sigma, value, (int) lag);
  }

  private static void checkUses(JsonNode n, String key, Attack kind, Attack user) {
    if (n.has(key) && kind != user) {
      throw new InvalidInputException(
          "key 'adversary."
              + key
              + "' applies only to attack '"
              + user.specName()
              + "', the block's attack is '"
              + kind.specName()
              + "'");
    }
  }

  private static double number(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (!v.isNumber()) {
      throw new InvalidInputException(
          "key 'adversary." + key + "' must be a number, got " + quote(v.toString()));
    }
    return v.asDouble();
  }

  private static long integer(JsonNode root, String key, String where) {
    JsonNode n = root.get(key);
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new InvalidInputException(
          "key '" + where + "' must be a whole number, got " + quote(n.toString()));
    }
    return n.asLong();
  }

  private static String text(JsonNode root, String key) {
    JsonNode n = root.get(key);
    if (!n.isTextual() && !n.isNumber()) {
      throw new InvalidInputException("key '" + key + "' must be text, got " + quote(n.toString()));
    }
    return n.asText();
  }

  private static long integer(JsonNode root, String key) {
    JsonNode n = root.get(key);
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new InvalidInputException(
          "key '" + key + "' must be a whole number, got " + quote(n.toString()));
    }
    return n.asLong();
  }

  private static ComponentSpec component(JsonNode root, String key, boolean required) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) {
      if (required) {
        throw new InvalidInputException(
            "missing block '"
                + key
                + "' (e.g. "
                + key
                + ": {type: NAME, ...}); run 'fednpg list' for the available types");
      }
      return null;
    }
    if (!n.isObject()) {
      throw new InvalidInputException(
          "key '" + key + "' must be a block {type: NAME, ...}, got " + quote(n.toString()));
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
      if (e.getValue().isObject()) {
        nested(key, e.getKey(), e.getValue(), params);
      } else {
        put(
            params,
            key + "." + e.getKey(),
            e.getKey(),
            scalar(key + "." + e.getKey(), e.getValue()));
      }
    }
    return new ComponentSpec(type.asText(), params);
  }

  /**
   * A nested component block inside a component, e.g. {@code features: {type: random, dim: 8}}: its
   * type becomes the parameter {@code features} and each other key {@code k} the parameter {@code
   * features.k}, so the provider declares and checks them like any parameter (an unknown key inside
   * the block is an unknown parameter {@code features.k}). Our choice: one level only.
   */
  private static void nested(String block, String key, JsonNode v, Map<String, Object> params) {
    String where = block + "." + key;
    JsonNode type = v.get("type");
    if (type == null || !type.isTextual()) {
      throw new InvalidInputException("block '" + where + "' needs 'type: NAME' (text)");
    }
    put(params, where, key, type.asText());
    for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals("type")) {
        put(
            params,
            where + "." + e.getKey(),
            key + "." + e.getKey(),
            scalar(where + "." + e.getKey(), e.getValue()));
      }
    }
  }

  private static void put(Map<String, Object> params, String where, String key, Object value) {
    if (params.putIfAbsent(key, value) != null) {
      throw new InvalidInputException(
          "key '"
              + where
              + "' is given twice (once inside a "
              + "nested block, once as a dotted key)");
    }
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
    throw new InvalidInputException(
        "key '"
            + where
            + "' must be a number, text or boolean, got "
            + (v.isNull()
                ? "null"
                : v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
  }

  /**
   * A whole component block as a sweep value: {type: NAME, key: scalar or nested block, ...}
   * ({@code nested}: whether a value may itself be a block, one level down).
   */
  private static Map<String, Object> block(String where, JsonNode v, boolean nested) {
    if (!v.has("type") || !v.get("type").isTextual()) {
      throw new InvalidInputException("key '" + where + "': a block value needs 'type: NAME'");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String at = where + "." + e.getKey();
      m.put(
          e.getKey(),
          nested && e.getValue().isObject()
              ? block(at, e.getValue(), false)
              : scalar(at, e.getValue()));
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
        values.add(v.isObject() ? block(path, v, true) : scalar(path, v));
      }
      sweep.put(e.getKey(), values);
    }
    return sweep;
  }
}
