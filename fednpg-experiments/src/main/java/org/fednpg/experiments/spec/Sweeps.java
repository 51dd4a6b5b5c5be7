package org.fednpg.experiments.spec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.InvalidInputException;

/**
 * Expands a spec's {@code sweep} into its grid of cells (the Cartesian product, first key
 * outermost). Each cell is an ordinary spec without a sweep whose dotted keys
 * ({@code algorithm.eta}, {@code seed}, {@code environment.size}) were set to the cell's values;
 * its name lists them, e.g. {@code algorithm.eta=0.05,seed=1}.
 */
public final class Sweeps {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Sweeps() {}

  /** One cell: its folder name, its values, and the spec to run. */
  public record Cell(String name, Map<String, Object> values, ExperimentSpec spec) {}

  public static List<Cell> expand(ExperimentSpec spec) {
    List<Cell> cells = new ArrayList<>();
    if (spec.sweep().isEmpty()) {
      cells.add(new Cell(spec.name(), Map.of(), spec));
      return cells;
    }
    List<String> keys = new ArrayList<>(spec.sweep().keySet());
    int[] index = new int[keys.size()];
    while (true) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        values.put(keys.get(i), spec.sweep().get(keys.get(i)).get(index[i]));
      }
      String name = cellName(values);
      for (Cell earlier : cells) {
        if (earlier.name().equals(name)) {
          throw new InvalidInputException("sweep cells " + earlier.values() + " and " + values
              + " would share the folder '" + name + "'; make the swept values distinct");
        }
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
      m.forEach((k, x) -> {
        if (!"type".equals(k)) {
          b.append('-').append(k).append(x);
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
    values.forEach((k, v) -> {
      if (v instanceof Map<?, ?>) {
        ordered.put(k, v);
      }
    });
    values.forEach((k, v) -> {
      if (!(v instanceof Map<?, ?>)) {
        ordered.put(k, v);
      }
    });
    ordered.forEach((path, value) -> {
      String[] parts = path.split("\\.");
      ObjectNode node = tree;
      for (int i = 0; i < parts.length - 1; i++) {
        if (!(node.get(parts[i]) instanceof ObjectNode child)) {
          throw new InvalidInputException("sweep key '" + path + "': '" + parts[i]
              + "' is not a block of the spec");
        }
        node = child;
      }
      String leaf = parts[parts.length - 1];
      if (leaf.equals("sweep") || leaf.equals("name")) {
        throw new InvalidInputException("sweep key '" + path + "' cannot be swept");
      }
      if (value instanceof Map<?, ?> && parts.length != 1) {
        throw new InvalidInputException("sweep key '" + path + "': only whole blocks "
            + "(environment, topology, evaluator, algorithm, runtime) take block values");
      }
      node.set(leaf, MAPPER.valueToTree(value));
    });
    return SpecParser.fromTree(tree, spec.name());
  }
}
