package org.fednpg.experiments.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.InvalidInputException;
import org.fednpg.core.plugin.ComponentRegistry.Family;

/**
 * Expands a spec's {@code sweep} into its grid of cells (the Cartesian product, first key
 * outermost). Each cell is an ordinary spec without a sweep whose dotted keys ({@code
 * algorithm.eta}, {@code seed}, {@code environment.size}) were set to the cell's values; its name
 * lists them, e.g. {@code algorithm.eta=0.05,seed=1}.
 */
public final class Sweeps {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Sweeps() {}

  /** One cell: its folder name, its values, and the spec to run. */
  public record Cell(String name, Map<String, Object> values, ExperimentSpec spec) {}

  /** Default cap on the cells of one sweep (our choice; {@code --max-cells} overrides it). */
  public static final int MAX_CELLS = 100_000;

  /** Longest folder name of a run or sweep cell, in characters (file systems allow 255 bytes). */
  public static final int MAX_NAME = 200;

  /** Expands with the default cap of {@link #MAX_CELLS} cells. */
  public static List<Cell> expand(ExperimentSpec spec) {
    return expand(spec, MAX_CELLS);
  }

  /**
   * The number of cells of a sweep (1 without one): the product of the list lengths, saturating at
   * {@link Long#MAX_VALUE}.
   */
  public static long count(ExperimentSpec spec) {
    long n = 1;
    for (List<Object> values : spec.sweep().values()) {
      n =
          values.size() != 0 && n > Long.MAX_VALUE / values.size()
              ? Long.MAX_VALUE
              : n * values.size();
    }
    return n;
  }

  /**
   * The cells of a sweep, in time linear in their number.
   *
   * @param maxCells refuse a sweep of more cells than this, before expanding anything
   * @throws InvalidInputException for too many cells, cells sharing a folder, or a bad key
   */
  public static List<Cell> expand(ExperimentSpec spec, long maxCells) {
    long count = count(spec);
    if (count > maxCells) {
      List<String> sizes = new ArrayList<>();
      spec.sweep().forEach((k, v) -> sizes.add(v.size() + " (" + k + ")"));
      throw new InvalidInputException(
          "sweep: "
              + (count == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : count)
              + " cells ("
              + String.join(" x ", sizes)
              + "), more than the limit of "
              + maxCells
              + " (--max-cells)");
    }
    List<Cell> cells = new ArrayList<>();
    if (spec.sweep().isEmpty()) {
      cells.add(new Cell(spec.name(), Map.of(), spec));
      return cells;
    }
    Map<String, Map<String, Object>> seen = new HashMap<>();
    List<String> keys = new ArrayList<>(spec.sweep().keySet());
    int[] index = new int[keys.size()];
    while (true) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        values.put(keys.get(i), spec.sweep().get(keys.get(i)).get(index[i]));
      }
      String name = cellName(values);
      Map<String, Object> earlier = seen.putIfAbsent(name, values);
      if (earlier != null) {
        throw new InvalidInputException(
            "sweep cells "
                + SpecParser.quote(earlier.toString())
                + " and "
                + SpecParser.quote(values.toString())
                + " would share the folder '"
                + SpecParser.quote(name)
                + "'; make the swept values distinct");
      }
      if (name.length() > MAX_NAME) {
        throw new InvalidInputException(
            "sweep cell folder name has "
                + name.length()
                + " characters, more than the limit of "
                + MAX_NAME
                + ": '"
                + SpecParser.quote(name)
                + "'");
      }
      cells.add(new Cell(name, values, apply(spec, values)));
      int i = keys.size() - 1;
      while (i >= 0 && ++index[i] == spec.sweep().get(keys.get(i)).size()) {
        index[i] = 0;
        i--;
      }
      if (i < 0) {
        return cells;
      }
    }
  }

  static String cellName(Map<String, Object> values) {
    List<String> parts = new ArrayList<>();
    values.forEach((k, v) -> parts.add(k + "=" + label(v)));
    return String.join(",", parts).replaceAll("[^A-Za-z0-9._,=-]", "_");
  }

  /** A block value {type: grid, rows: 4} is named grid-rows4; a scalar by its text. */
  public static String label(Object v) {
    if (v instanceof Map<?, ?> m) {
      StringBuilder b = new StringBuilder(String.valueOf(m.get("type")));
      m.forEach(
          (k, x) -> {
            if (!"type".equals(k)) {
              b.append('-')
                  .append(k)
                  .append(label(x)); // a nested block: critic{type: td} -> critictd
            }
          });
      return b.toString();
    }
    return String.valueOf(v);
  }

  private static ExperimentSpec apply(ExperimentSpec spec, Map<String, Object> values) {
    Map<String, Object> map = SpecWriter.toMap(spec);
    map.remove("sweep");
    ObjectNode tree = MAPPER.valueToTree(map);
    // whole blocks first, so that dotted keys (algorithm.eta) refine a swept block
    // (algorithm: [...]) instead of being overwritten by it
    Map<String, Object> ordered = new LinkedHashMap<>();
    values.forEach(
        (k, v) -> {
          if (v instanceof Map<?, ?>) {
            ordered.put(k, v);
          }
        });
    values.forEach(
        (k, v) -> {
          if (!(v instanceof Map<?, ?>)) {
            ordered.put(k, v);
          }
        });
    ordered.forEach(
        (path, value) -> {
          String[] parts = path.split("\\.");
          ObjectNode node = tree;
          for (int i = 0; i < parts.length - 1; i++) {
            if (!(node.get(parts[i]) instanceof ObjectNode child)) {
              throw new InvalidInputException(
                  "sweep key '" + path + "': '" + parts[i] + "' is not a block of the spec");
            }
            node = child;
          }
          String leaf = parts[parts.length - 1];
          if (leaf.equals("sweep") || leaf.equals("name")) {
            throw new InvalidInputException("sweep key '" + path + "' cannot be swept");
          }
          if (value instanceof Map<?, ?> && parts.length != 1) {
            throw new InvalidInputException(
                "sweep key '"
                    + path
                    + "': only whole blocks ("
                    + String.join(", ", Arrays.stream(Family.values()).map(Family::label).toList())
                    + ") take block values");
          }
          node.set(leaf, MAPPER.valueToTree(value));
        });
    return SpecParser.fromTree(tree, spec.name());
  }
}
