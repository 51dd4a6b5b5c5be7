package org.fednpg.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A provider's parameters after validation against its {@link ParameterSpec}s: unknown keys are
 * refused, values are checked and converted to their declared type, defaults are filled in. The
 * resolved map (see {@link #asMap()}) is what a run manifest records.
 */
public final class Parameters {

  private final String owner;
  private final Map<String, Object> values;
  private final Path baseDirectory;

  private Parameters(String owner, Map<String, Object> values, Path baseDirectory) {
    this.owner = owner;
    this.values = Collections.unmodifiableMap(values);
    this.baseDirectory = baseDirectory;
  }

  /**
   * Validates {@code raw} against {@code specs}.
   *
   * @param owner how errors name the component, e.g. {@code "environment 'garnet'"}
   * @param specs accepted parameters
   * @param raw given values as JSON scalars (Long/Integer, Double, Boolean, String); types are
   *     strict: {@code "10"} or {@code 10.0} is not a whole number
   * @param baseDirectory folder that relative {@link ParameterType#PATH} values resolve against
   * @throws InvalidInputException naming the key for unknown keys, missing required keys and
   *     ill-typed values
   */
  public static Parameters resolve(
      String owner, List<ParameterSpec> specs, Map<String, ?> raw, Path baseDirectory) {
    Objects.requireNonNull(owner, "owner");
    Map<String, ParameterSpec> byName = new LinkedHashMap<>();
    for (ParameterSpec spec : specs) {
      byName.put(spec.name(), spec);
    }
    for (String key : raw.keySet()) {
      if (!byName.containsKey(key)) {
        throw new InvalidInputException(
            owner + ": unknown parameter '" + key + "'; accepted: " + accepted(specs));
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (ParameterSpec spec : specs) {
      Object given = raw.get(spec.name());
      if (given == null) {
        if (spec.required()) {
          throw new InvalidInputException(
              owner
                  + ": missing required parameter '"
                  + spec.name()
                  + "' ("
                  + spec.summary()
                  + ")");
        }
        if (spec.defaultValue() != null) {
          values.put(spec.name(), spec.defaultValue());
        }
        continue;
      }
      values.put(spec.name(), convert(owner, spec, given));
    }
    return new Parameters(owner, values, baseDirectory);
  }

  /** Parameters with no values, for providers that take none. */
  public static Parameters empty(String owner) {
    return new Parameters(owner, new LinkedHashMap<>(), Path.of("."));
  }

  private static String accepted(List<ParameterSpec> specs) {
    if (specs.isEmpty()) {
      return "(none)";
    }
    return specs.stream().map(ParameterSpec::name).collect(Collectors.joining(", "));
  }

  private static Object convert(String owner, ParameterSpec spec, Object given) {
    String where = owner + ": parameter '" + spec.name() + "'";
    switch (spec.type()) {
      case INTEGER:
        {
          if (given instanceof Integer
              || given instanceof Long
              || given instanceof Short
              || given instanceof Byte) {
            return ((Number) given).longValue();
          }
          throw new InvalidInputException(
              where + " expects a whole number, got " + describe(given));
        }
      case NUMBER:
        {
          if (!(given instanceof Number n)) {
            throw new InvalidInputException(where + " expects a number, got " + describe(given));
          }
          double d = n.doubleValue();
          if (!Double.isFinite(d)) {
            throw new InvalidInputException(where + " expects a finite number, got " + given);
          }
          return d;
        }
      case BOOLEAN:
        {
          if (given instanceof Boolean b) {
            return b;
          }
          throw new InvalidInputException(where + " expects true or false, got " + describe(given));
        }
      case STRING:
      case PATH:
        {
          if (!(given instanceof String || given instanceof Number || given instanceof Boolean)) {
            throw new InvalidInputException(where + " expects text, got '" + given + "'");
          }
          String s = String.valueOf(given);
          if (!spec.choices().isEmpty() && !spec.choices().contains(s)) {
            throw new InvalidInputException(
                where
                    + " must be one of "
                    + String.join(", ", spec.choices())
                    + ", got '"
                    + s
                    + "'");
          }
          return s;
        }
      default:
        throw new IllegalStateException("unhandled type " + spec.type());
    }
  }

  /** A value as the user wrote it: text quoted, numbers and booleans bare. */
  private static String describe(Object given) {
    return given instanceof String t ? "'" + t + "' (text)" : String.valueOf(given);
  }

  /** How errors name the owning component. */
  public String owner() {
    return owner;
  }

  /** Whether a value (given or default) is present. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** The resolved values in declaration order (paths as written, not resolved). */
  public Map<String, Object> asMap() {
    return values;
  }

  private Object require(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw new InvalidInputException(owner + ": parameter '" + name + "' is not set");
    }
    return v;
  }

  /** A whole-number parameter; fails if it does not fit an int. */
  public int getInt(String name) {
    long v = getLong(name);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new InvalidInputException(owner + ": parameter '" + name + "' is out of range: " + v);
    }
    return (int) v;
  }

  public long getLong(String name) {
    return ((Number) require(name)).longValue();
  }

  public double getDouble(String name) {
    return ((Number) require(name)).doubleValue();
  }

  public boolean getBoolean(String name) {
    return (Boolean) require(name);
  }

  public String getString(String name) {
    return (String) require(name);
  }

  public Optional<String> findString(String name) {
    return Optional.ofNullable((String) values.get(name));
  }

  /** A path parameter, resolved against the spec's folder when relative. */
  public Path getPath(String name) {
    return baseDirectory.resolve(getString(name)).normalize();
  }

  /** Folder that relative paths resolve against. */
  public Path baseDirectory() {
    return baseDirectory;
  }

  /** An error about one parameter, in the standard wording. */
  public InvalidInputException invalid(String name, String expected) {
    return new InvalidInputException(
        owner + ": parameter '" + name + "' " + expected + ", got " + values.get(name));
  }

  /** Checks {@code lo <= value <= hi} for an integer parameter and returns it. */
  public int intInRange(String name, int lo, int hi) {
    int v = getInt(name);
    if (v < lo || v > hi) {
      throw invalid(
          name,
          hi == Integer.MAX_VALUE ? "must be >= " + lo : "must be in [" + lo + ", " + hi + "]");
    }
    return v;
  }

  /** Checks {@code lo <= value <= hi} for a number parameter and returns it. */
  public double doubleInRange(String name, double lo, double hi) {
    return doubleInRange(name, lo, true, hi, true);
  }

  /**
   * Checks a number parameter against an interval whose ends may be open or closed and returns it;
   * the error shows the interval in the usual notation, e.g. {@code (0, 1]}. Use infinities for a
   * one-sided bound: {@code doubleInRange("eta", 0, false, Double.POSITIVE_INFINITY, false)} is η >
   * 0.
   *
   * @param lo lower end
   * @param loClosed whether {@code lo} itself is accepted
   * @param hi upper end
   * @param hiClosed whether {@code hi} itself is accepted
   */
  public double doubleInRange(
      String name, double lo, boolean loClosed, double hi, boolean hiClosed) {
    double v = getDouble(name);
    boolean above = loClosed ? v >= lo : v > lo;
    boolean below = hiClosed ? v <= hi : v < hi;
    if (!above || !below) {
      String expected;
      if (hi == Double.POSITIVE_INFINITY) {
        expected = "must be " + (loClosed ? ">= " : "> ") + lo;
      } else if (lo == Double.NEGATIVE_INFINITY) {
        expected = "must be " + (hiClosed ? "<= " : "< ") + hi;
      } else {
        expected = "must be in " + (loClosed ? "[" : "(") + lo + ", " + hi + (hiClosed ? "]" : ")");
      }
      throw invalid(name, expected);
    }
    return v;
  }

  /** Checks {@code value > lo} for a number parameter (an open lower bound) and returns it. */
  public double doubleAbove(String name, double lo) {
    return doubleInRange(name, lo, false, Double.POSITIVE_INFINITY, false);
  }

  /** Checks {@code lo <= value < hi} for a number parameter (half-open) and returns it. */
  public double doubleInHalfOpenRange(String name, double lo, double hi) {
    return doubleInRange(name, lo, true, hi, false);
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    values.forEach((k, v) -> parts.add(k + "=" + v));
    return owner + parts;
  }
}
