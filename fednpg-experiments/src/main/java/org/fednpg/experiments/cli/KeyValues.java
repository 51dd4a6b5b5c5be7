package org.fednpg.experiments.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.InvalidInputException;

/** Parses {@code key=value} command-line arguments into raw provider parameters. */
final class KeyValues {

  private KeyValues() {}

  /** A command-line value as the JSON scalar it spells: whole number, number, boolean or text. */
  static Object typed(String v) {
    if (v.matches("[+-]?\\d{1,18}")) {
      return Long.parseLong(v);
    }
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    try {
      double d = Double.parseDouble(v);
      if (Double.isFinite(d) && !v.isBlank()) {
        return d;
      }
    } catch (NumberFormatException e) {
      // not a number: text
    }
    return v;
  }

  static Map<String, Object> parse(List<String> args) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (args == null) {
      return m;
    }
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq <= 0) {
        throw new InvalidInputException("expected key=value, got '" + a + "'");
      }
      String key = a.substring(0, eq);
      if (m.containsKey(key)) {
        throw new InvalidInputException("'" + key + "' given twice");
      }
      m.put(key, typed(a.substring(eq + 1)));
    }
    return m;
  }
}
