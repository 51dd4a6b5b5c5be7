package org.fednpg.experiments.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fednpg.api.FedNpgException;
import org.fednpg.core.plugin.ComponentRegistry.Family;
import org.fednpg.core.robust.AdversarySpec;
import org.fednpg.core.run.ComponentSpec;

/** Writes specs back out in the form {@link SpecParser} reads (round-trips). */
public final class SpecWriter {

  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SpecWriter() {}

  /** The spec as an ordered map of plain values. */
  public static Map<String, Object> toMap(ExperimentSpec spec) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", spec.name());
    m.put("seed", spec.seed());
    m.put("iterations", spec.iterations());
    if (spec.gamma() != null) {
      m.put("gamma", spec.gamma());
    }
    if (spec.metricsEvery() != 1) {
      m.put("metricsEvery", spec.metricsEvery());
    }
    if (spec.threads() != null) {
      m.put("threads", spec.threads());
    }
    for (Family family : Family.values()) {
      if (spec.component(family) != null) {
        m.put(family.label(), block(spec.component(family)));
      }
    }
    if (spec.adversary() != null) {
      m.put("adversary", adversary(spec.adversary()));
    }
    if (!spec.sweep().isEmpty()) {
      m.put("sweep", new LinkedHashMap<>(spec.sweep()));
    }
    return m;
  }

  /** The adversary block as the parser reads it (only the attack's own parameter). */
  public static Map<String, Object> adversary(AdversarySpec a) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (a.agents() != null) {
      m.put("agents", a.agents());
    } else {
      m.put("count", a.count());
    }
    m.put("attack", a.attack());
    switch (a.kind()) {
      case SCALED -> m.put("scale", a.scale());
      case RANDOM -> m.put("sigma", a.sigma());
      case CONSTANT -> m.put("value", a.value());
      case STALE -> m.put("lag", a.lag());
      default -> {}
    }
    return m;
  }

  /** A component block as {type, params...}. */
  public static Map<String, Object> block(ComponentSpec c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", c.type());
    m.putAll(nest(c.parameters()));
    return m;
  }

  /**
   * Parameters with the dotted keys of nested blocks written back as blocks, the inverse of {@link
   * SpecParser}'s reading: {@code features: random, features.dim: 8} becomes {@code features:
   * {type: random, dim: 8}}; a nested type without keys stays a plain value.
   */
  public static Map<String, Object> nest(Map<String, ?> parameters) {
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Map<String, Object>> blocks = new LinkedHashMap<>();
    parameters.forEach(
        (key, value) -> {
          int dot = key.indexOf('.');
          String parent = dot < 0 ? null : key.substring(0, dot);
          if (parent != null && out.get(parent) instanceof String type) {
            Map<String, Object> b =
                blocks.computeIfAbsent(
                    parent,
                    k -> {
                      Map<String, Object> m = new LinkedHashMap<>();
                      m.put("type", type);
                      return m;
                    });
            b.put(key.substring(dot + 1), value);
          } else {
            out.put(key, value);
          }
        });
    out.putAll(blocks); // existing keys keep their place
    return out;
  }

  public static String toYaml(ExperimentSpec spec) {
    return write(YAML, toMap(spec));
  }

  public static String toJson(Object value) {
    return write(JSON, value);
  }

  private static String write(ObjectMapper mapper, Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new FedNpgException("cannot serialise: " + e.getOriginalMessage(), e);
    }
  }
}
