package org.fednpg.envs.classic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.Environment;
import org.fednpg.api.EnvironmentContext;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.NamedProvider;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;
import org.fednpg.envs.EnvironmentParameters;
import org.fednpg.envs.RewardSplit;

/**
 * Provider {@code frozenlake}: Gymnasium's FrozenLake-v1 (gymnasium/envs/toy_text/frozen_lake.py,
 * https://gymnasium.farama.org/environments/toy_text/frozen_lake/). Cells S (start), F (frozen), H
 * (hole), G (goal); state = row·ncol + col; actions 0 = LEFT, 1 = DOWN, 2 = RIGHT, 3 = UP. A move
 * off the grid stays. Slippery: the intended direction and the two perpendicular ones, 1/3 each;
 * otherwise deterministic. Reward 1 on entering G, else 0; H and G are absorbing with reward 0
 * (Gymnasium's terminal states, made absorbing so the episode's end is an MDP state). ρ is uniform
 * over the S cells. Maps {@code 4x4} and {@code 8x8} are Gymnasium's named maps.
 */
public final class FrozenLakeProvider extends NamedProvider implements EnvironmentProvider {

  public FrozenLakeProvider() {
    super("frozenlake", "Gymnasium FrozenLake-v1 (4x4, 8x8 or a custom map), slippery by default");
  }

  /** Gymnasium's MAPS["4x4"]. */
  public static final List<String> MAP_4X4 = List.of("SFFF", "FHFH", "FFFH", "HFFG");

  /** Gymnasium's MAPS["8x8"]. */
  public static final List<String> MAP_8X8 =
      List.of(
          "SFFFFFFF",
          "FFFFFFFF",
          "FFFHFFFF",
          "FFFFFHFF",
          "FFFHFFFF",
          "FHHFFFHF",
          "FHFFHFHF",
          "FFFHFFFG");

  private static final int[] DROW = {0, 1, 0, -1};
  private static final int[] DCOL = {-1, 0, 1, 0};

  @Override
  public List<ParameterSpec> parameters() {
    List<ParameterSpec> specs =
        new ArrayList<>(
            List.of(
                ParameterSpec.optional(
                    "map",
                    ParameterType.STRING,
                    "4x4",
                    "4x4, 8x8, or rows of S/F/H/G separated by '/' or ',' (at least one S and one G)"),
                ParameterSpec.optional(
                    "slippery",
                    ParameterType.BOOLEAN,
                    true,
                    "slippery ice: intended and the two perpendicular moves, 1/3 each")));
    specs.addAll(RewardSplit.parameters());
    specs.add(EnvironmentParameters.gammaSpec(0.99));
    return List.copyOf(specs);
  }

  /**
   * The rows of a map: a named map or rows of S/F/H/G separated by {@code /} or {@code ,}.
   *
   * @throws InvalidInputException naming parameter {@code map}
   */
  public static List<String> parseMap(String map) {
    String m = map.trim();
    if (m.equals("4x4")) {
      return MAP_4X4;
    }
    if (m.equals("8x8")) {
      return MAP_8X8;
    }
    String[] parts = m.split("[/,]", -1);
    List<String> rows = new ArrayList<>();
    boolean start = false;
    boolean goal = false;
    for (int i = 0; i < parts.length; i++) {
      String row = parts[i].trim();
      if (row.isEmpty()) {
        throw new InvalidInputException("parameter 'map': row " + i + " is empty in '" + map + "'");
      }
      if (!rows.isEmpty() && row.length() != rows.get(0).length()) {
        throw new InvalidInputException(
            "parameter 'map': row "
                + i
                + " has "
                + row.length()
                + " cells, expected "
                + rows.get(0).length()
                + " like row 0, in '"
                + map
                + "'");
      }
      for (int c = 0; c < row.length(); c++) {
        char ch = row.charAt(c);
        if ("SFHG".indexOf(ch) < 0) {
          throw new InvalidInputException(
              "parameter 'map': unknown cell '"
                  + ch
                  + "' at row "
                  + i
                  + ", column "
                  + c
                  + " (expected S, F, H or G, or a named map 4x4 / 8x8)");
        }
        start |= ch == 'S';
        goal |= ch == 'G';
      }
      rows.add(row);
    }
    if (!start || !goal) {
      throw new InvalidInputException(
          "parameter 'map' needs at least one S and one G, got '" + map + "'");
    }
    return List.copyOf(rows);
  }

  /** The single-agent FrozenLake MDP on {@code rows}. */
  public static MultiTaskMdp model(List<String> rows, boolean slippery, double gamma) {
    int nrow = rows.size();
    int ncol = rows.get(0).length();
    int states = nrow * ncol;
    TransitionKernel.Builder kb = TransitionKernel.builder(states, 4);
    double[] reward = new double[states * 4];
    double[] rho = new double[states];
    int starts = 0;
    for (int s = 0; s < states; s++) {
      if (cell(rows, s, ncol) == 'S') {
        starts++;
      }
    }
    for (int s = 0; s < states; s++) {
      int row = s / ncol;
      int col = s % ncol;
      char here = cell(rows, s, ncol);
      if (here == 'S') {
        rho[s] = 1.0 / starts;
      }
      for (int a = 0; a < 4; a++) {
        if (here == 'H' || here == 'G') {
          kb.add(s, a, s, 1.0);
          continue;
        }
        int[] moves = slippery ? new int[] {(a + 3) % 4, a, (a + 1) % 4} : new int[] {a};
        double p = 1.0 / moves.length;
        for (int d : moves) {
          int r = Math.min(Math.max(row + DROW[d], 0), nrow - 1);
          int c = Math.min(Math.max(col + DCOL[d], 0), ncol - 1);
          int next = r * ncol + c;
          kb.add(s, a, next, p);
          if (cell(rows, next, ncol) == 'G') {
            reward[s * 4 + a] += p;
          }
        }
      }
    }
    String name = "frozenlake-" + nrow + "x" + ncol + (slippery ? "" : "-deterministic");
    return MultiTaskMdp.of(
        name, kb.build(), gamma, rho, List.of(RewardTable.of(states, 4, reward)));
  }

  private static char cell(List<String> rows, int s, int ncol) {
    return rows.get(s / ncol).charAt(s % ncol);
  }

  @Override
  public Environment create(Parameters parameters, EnvironmentContext context) {
    boolean slippery = parameters.getBoolean("slippery");
    double gamma = EnvironmentParameters.gamma(parameters);
    String map = parameters.getString("map");
    return EnvironmentParameters.named(
        parameters,
        () -> {
          List<String> rows = parseMap(map);
          MultiTaskMdp single = model(rows, slippery, gamma);
          Map<String, Object> facts = new LinkedHashMap<>();
          facts.put("map", String.join("/", rows));
          facts.put("slippery", slippery);
          String details =
              "FrozenLake (Gymnasium): actions 0 = left, 1 = down, 2 = right, 3 = up; "
                  + (slippery ? "slippery (intended or perpendicular, 1/3 each)" : "deterministic")
                  + "; expected reward = probability of entering G; H and G absorbing\nmap:\n  "
                  + String.join("\n  ", rows)
                  + "\n";
          return Benchmarks.multiTask(single, parameters, context, details, facts);
        });
  }
}
