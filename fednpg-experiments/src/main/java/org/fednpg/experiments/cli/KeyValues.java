package org.fednpg.experiments.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.InvalidInputException;

/** Parses {@code key=value} command-line arguments into raw provider parameters. */
final class KeyValues {

  private KeyValues() {}

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
      m.put(a.substring(0, eq), a.substring(eq + 1));
    }
    return m;
  }
}
