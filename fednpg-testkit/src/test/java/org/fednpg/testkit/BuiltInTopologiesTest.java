package org.fednpg.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.fednpg.api.TopologyProvider;
import org.fednpg.core.plugin.ComponentRegistry.Family;
import org.fednpg.core.plugin.Plugins;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TopologyContract} for every registered topology family (discovered: a new family is
 * covered without being listed; one with required parameters needs an entry below or fails).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("names")
class BuiltInTopologiesTest extends TopologyContract {

  private final String name;

  BuiltInTopologiesTest(String name) {
    this.name = name;
  }

  static List<String> names() {
    return BuiltIns.names(Family.TOPOLOGY);
  }

  @Override
  protected TopologyProvider provider() {
    return Plugins.registry().topology(name);
  }

  @Override
  protected Map<String, Object> parameters() {
    switch (name) {
      case "grid":
      case "torus":
        return Map.of("rows", 2, "cols", 4);
      case "erdos-renyi":
        return Map.of("p", 0.6);
      case "random-geometric":
        return Map.of("radius", 0.8);
      case "edges":
        return Map.of("path", write("edges.txt", "0 1\n1 2\n2 3\n3 4\n4 5\n5 6\n6 7\n7 0\n0 4\n"));
      case "file":
        return Map.of("path", write("w.csv", lazyRing(agents())));
      default:
        return Map.of();
    }
  }

  @Override
  protected List<Map<String, Object>> invalidParameters() {
    switch (name) {
      case "grid":
      case "torus":
        return List.of(Map.of("rows", 3, "cols", 4));
      case "erdos-renyi":
        return List.of(Map.of("p", 1.5));
      case "file":
        return List.of(Map.of("path", write("bad.csv", "0.5,0.5\n0.5,0.5\n")));
      default:
        return List.of();
    }
  }

  /** W = ½I + ¼(left + right) on a ring: doubly stochastic, σ < 1 for N ≥ 3. */
  private static String lazyRing(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double w = i == j ? 0.5 : (j == (i + 1) % n || j == (i + n - 1) % n) ? 0.25 : 0.0;
        b.append(j == 0 ? "" : ",").append(w);
      }
      b.append('\n');
    }
    return b.toString();
  }

  private String write(String file, String content) {
    try {
      Files.writeString(tempDir.resolve(file), content);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
