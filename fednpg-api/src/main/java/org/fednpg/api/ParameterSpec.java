package org.fednpg.api;

import java.util.List;
import java.util.Objects;

/**
 * One parameter a provider accepts: its name, type, default (null when required or when absence has
 * a meaning of its own), documentation and, for strings, the accepted choices.
 *
 * @param name lower-case key as written in a spec
 * @param type value type
 * @param defaultValue default, or null
 * @param required whether a spec must give it
 * @param description one-line documentation
 * @param choices accepted values for {@link ParameterType#STRING} parameters; empty means any
 */
public record ParameterSpec(
    String name,
    ParameterType type,
    Object defaultValue,
    boolean required,
    String description,
    List<String> choices) {

  public ParameterSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    choices = List.copyOf(choices);
    if (required && defaultValue != null) {
      throw new IllegalArgumentException("parameter '" + name + "' is required and has a default");
    }
  }

  /** A parameter the spec must give. */
  public static ParameterSpec required(String name, ParameterType type, String description) {
    return new ParameterSpec(name, type, null, true, description, List.of());
  }

  /** A parameter with a default (null: optional, absent when not given). */
  public static ParameterSpec optional(
      String name, ParameterType type, Object defaultValue, String description) {
    return new ParameterSpec(name, type, defaultValue, false, description, List.of());
  }

  /** A string parameter restricted to the given choices, with a default among them. */
  public static ParameterSpec choice(
      String name, String defaultValue, String description, String... choices) {
    List<String> list = List.of(choices);
    if (defaultValue != null && !list.contains(defaultValue)) {
      throw new IllegalArgumentException("default '" + defaultValue + "' not among " + list);
    }
    return new ParameterSpec(name, ParameterType.STRING, defaultValue, false, description, list);
  }

  /** Human-readable summary, e.g. {@code eta (number, default 0.1): step size}. */
  public String summary() {
    StringBuilder b = new StringBuilder(name).append(" (").append(type.label());
    if (!choices.isEmpty()) {
      b.append(" one of ").append(String.join("|", choices));
    }
    if (required) {
      b.append(", required");
    } else if (defaultValue != null) {
      b.append(", default ").append(defaultValue);
    } else {
      b.append(", optional");
    }
    return b.append("): ").append(description).toString();
  }
}
