package org.fednpg.experiments.results;

import java.util.Map;

/**
 * A block of plugin-reported facts in {@code manifest.json} ({@code environment}, {@code topology},
 * {@code theory}): the plugin's ordered map, written as it is (a plugin may add keys of its own),
 * with typed access to the keys the built-ins write. A key that is absent or of another type reads
 * as null, never as a wrong value.
 */
public interface ManifestFacts {

  /** The block as the plugin reported it, keys in order. */
  Map<String, Object> values();

  /** The number under {@code key}, or null (absent, null in the JSON, or not a number). */
  default Double number(String key) {
    return values().get(key) instanceof Number n ? n.doubleValue() : null;
  }

  /** The integer under {@code key}, or null (absent or not an integral number). */
  default Long integer(String key) {
    Object v = values().get(key);
    return v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
        ? n.longValue()
        : null;
  }

  /** The boolean under {@code key}, or null. */
  default Boolean flag(String key) {
    return values().get(key) instanceof Boolean b ? b : null;
  }

  /** The string under {@code key}, or null. */
  default String text(String key) {
    return values().get(key) instanceof String s ? s : null;
  }

  /** Whether the block has no facts. */
  default boolean isEmpty() {
    return values().isEmpty();
  }

  /** An unmodifiable, order-keeping copy of {@code values} (null: empty). */
  static Map<String, Object> copy(Map<String, ?> values) {
    return values == null
        ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
  }
}
