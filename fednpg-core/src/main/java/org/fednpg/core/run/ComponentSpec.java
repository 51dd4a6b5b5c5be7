package org.fednpg.core.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One component choice: a provider name and its raw parameters (not yet validated).
 *
 * @param type provider name
 * @param parameters raw values keyed by parameter name
 */
public record ComponentSpec(String type, Map<String, Object> parameters) {

  public ComponentSpec {
    Objects.requireNonNull(type, "type");
    parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /** A component with no parameters. */
  public static ComponentSpec of(String type) {
    return new ComponentSpec(type, Map.of());
  }

  /** A component from a type and alternating key, value pairs. */
  public static ComponentSpec of(String type, Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("key/value pairs expected");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return new ComponentSpec(type, m);
  }
}
