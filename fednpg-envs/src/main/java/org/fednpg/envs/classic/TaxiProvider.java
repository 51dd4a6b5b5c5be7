package org.fednpg.envs.classic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.Environment;
import org.fednpg.api.EnvironmentContext;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.Parameters;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;
import org.fednpg.envs.EnvironmentParameters;
import org.fednpg.envs.RewardSplit;

/**
 * Provider {@code taxi}: Gymnasium's Taxi-v3 with its default deterministic dynamics
 * (gymnasium/envs/toy_text/taxi.py; Dietterich 2000). 500 states encoded ((taxi_row·5 + taxi_col)·5
 * + passenger)·4 + destination, passenger 0..3 at R, G, Y, B = (0,0), (0,4), (4,0), (4,3) or 4 in
 * the taxi. Actions 0 = south, 1 = north, 2 = east, 3 = west, 4 = pickup, 5 = dropoff. Walls as in
 * Gymnasium's map. Rewards: −1 per step, +20 for the successful dropoff, −10 for an illegal pickup
 * or dropoff; dropping the passenger at another landmark leaves them there (reward −1), as in
 * Gymnasium. ρ is Gymnasium's: uniform over the 300 states with the passenger waiting at a landmark
 * other than the destination.
 *
 * <p>Episode end (our choice, keeping 500 states): the successful dropoff leads to the state with
 * the passenger at the destination (passenger index = destination index). Only that dropoff enters
 * those 100 states, so we make every one of them absorbing with reward 0; this matches Gymnasium's
 * termination exactly.
 */
public final class TaxiProvider implements EnvironmentProvider {

  /** Gymnasium's Taxi map; ':' is passable, '|' a wall. */
  public static final List<String> MAP =
      List.of(
          "+---------+",
          "|R: | : :G|",
          "| : | : : |",
          "| : : : : |",
          "| | : | : |",
          "|Y| : |B: |",
          "+---------+");

  private static final int[][] LOCS = {{0, 0}, {0, 4}, {4, 0}, {4, 3}};

  @Override
  public String name() {
    return "taxi";
  }

  @Override
  public String description() {
    return "Gymnasium Taxi-v3 (500 states, 6 actions); the successful dropoff is absorbing";
  }

  @Override
  public List<ParameterSpec> parameters() {
    List<ParameterSpec> specs = new ArrayList<>(RewardSplit.parameters());
    specs.add(EnvironmentParameters.gammaSpec(0.99));
    return List.copyOf(specs);
  }

  /** Gymnasium's state encoding. */
  public static int encode(int row, int col, int passenger, int destination) {
    return ((row * 5 + col) * 5 + passenger) * 4 + destination;
  }

  private static int landmark(int row, int col) {
    for (int i = 0; i < LOCS.length; i++) {
      if (LOCS[i][0] == row && LOCS[i][1] == col) {
        return i;
      }
    }
    return -1;
  }

  /** The single-agent Taxi MDP. */
  public static MultiTaskMdp model(double gamma) {
    int states = 500;
    TransitionKernel.Builder kb = TransitionKernel.builder(states, 6);
    double[] reward = new double[states * 6];
    double[] rho = new double[states];
    for (int row = 0; row < 5; row++) {
      for (int col = 0; col < 5; col++) {
        for (int pass = 0; pass < 5; pass++) {
          for (int dest = 0; dest < 4; dest++) {
            int s = encode(row, col, pass, dest);
            if (pass < 4 && pass != dest) {
              rho[s] = 1.0 / 300;
            }
            for (int a = 0; a < 6; a++) {
              if (pass == dest) {
                kb.add(s, a, s, 1.0);
                continue;
              }
              int newRow = row;
              int newCol = col;
              int newPass = pass;
              double r = -1;
              if (a == 0) {
                newRow = Math.min(row + 1, 4);
              } else if (a == 1) {
                newRow = Math.max(row - 1, 0);
              } else if (a == 2 && MAP.get(1 + row).charAt(2 * col + 2) == ':') {
                newCol = Math.min(col + 1, 4);
              } else if (a == 3 && MAP.get(1 + row).charAt(2 * col) == ':') {
                newCol = Math.max(col - 1, 0);
              } else if (a == 4) {
                if (pass < 4 && landmark(row, col) == pass) {
                  newPass = 4;
                } else {
                  r = -10;
                }
              } else if (a == 5) {
                int here = landmark(row, col);
                if (here == dest && pass == 4) {
                  newPass = dest;
                  r = 20;
                } else if (here >= 0 && pass == 4) {
                  newPass = here;
                } else {
                  r = -10;
                }
              }
              kb.add(s, a, encode(newRow, newCol, newPass, dest), 1.0);
              reward[s * 6 + a] = r;
            }
          }
        }
      }
    }
    return MultiTaskMdp.of(
        "taxi-v3", kb.build(), gamma, rho, List.of(RewardTable.of(states, 6, reward)));
  }

  @Override
  public Environment create(Parameters parameters, EnvironmentContext context) {
    double gamma = EnvironmentParameters.gamma(parameters);
    return EnvironmentParameters.named(
        parameters,
        () -> {
          Map<String, Object> facts = new LinkedHashMap<>();
          facts.put("variant", "Taxi-v3");
          facts.put("terminal", "passenger at destination is absorbing with reward 0");
          String details =
              "Taxi-v3 (Gymnasium): actions 0 = south, 1 = north, 2 = east, 3 = west,"
                  + " 4 = pickup, 5 = dropoff; -1 per step, +20 successful dropoff, -10 illegal"
                  + " pickup/dropoff; states with the passenger at the destination are absorbing (reward 0)"
                  + "\nmap (R, G, Y, B landmarks, | walls):\n  "
                  + String.join("\n  ", MAP)
                  + "\n";
          return Benchmarks.multiTask(model(gamma), parameters, context, details, facts);
        });
  }
}
