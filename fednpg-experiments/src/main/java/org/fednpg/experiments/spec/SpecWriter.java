package org.fednpg.experiments.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fednpg.api.FedNpgException;
import org.fednpg.core.robust.AdversarySpec;
import org.fednpg.core.run.ComponentSpec;

/** Writes specs back out in the form {@link SpecParser} reads (round-trips). */
public final class SpecWriter {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
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
    m.put("environment", block(spec.environment()));
    if (spec.topology() != null) {
      m.put("topology", block(spec.topology()));
    }
    if (spec.evaluator() != null) {
      m.put("evaluator", block(spec.evaluator()));
    }
    m.put("algorithm", block(spec.algorithm()));
    if (spec.runtime() != null) {
      m.put("runtime", block(spec.runtime()));
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
      default -> { }
    }
    return m;
  }

  /** A component block as {type, params...}. */
  public static Map<String, Object> block(ComponentSpec c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", c.type());
    m.putAll(c.parameters());
    return m;
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
