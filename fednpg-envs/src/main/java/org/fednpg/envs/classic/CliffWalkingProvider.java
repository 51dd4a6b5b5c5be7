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
 * Provider {@code cliffwalking}: Gymnasium's CliffWalking-v0/v1 with its default deterministic
 * dynamics (gymnasium/envs/toy_text/cliffwalking.py, Sutton and Barto, Example 6.6). A 4×12 grid,
 * state = row·12 + col, start (3, 0) = state 36 with ρ a point mass, goal (3, 11) = state 47, the
 * cliff (3, 1..10). Actions 0 = UP, 1 = RIGHT, 2 = DOWN, 3 = LEFT; a move off the grid stays. Every
 * move costs −1, except a move into the cliff, which costs −100 and returns to the start. Episode
 * end (our choice): Gymnasium terminates on entering the goal; here the goal is absorbing with
 * reward 0 under all four actions, so a trajectory's discounted return equals the episode's. The
 * cliff cells themselves are never occupied but keep Gymnasium's transition rules.
 */
public final class CliffWalkingProvider implements EnvironmentProvider {

  /** Rows of the grid. */
  public static final int ROWS = 4;

  /** Columns of the grid. */
  public static final int COLS = 12;

  /** The start state (3, 0). */
  public static final int START = 36;

  /** The goal state (3, 11). */
  public static final int GOAL = 47;

  private static final int[] DROW = {-1, 0, 1, 0};
  private static final int[] DCOL = {0, 1, 0, -1};

  @Override
  public String name() {
    return "cliffwalking";
  }

  @Override
  public String description() {
    return "Gymnasium CliffWalking (4x12): -1 per step, -100 and back to start on the cliff";
  }

  @Override
  public List<ParameterSpec> parameters() {
    List<ParameterSpec> specs = new ArrayList<>(RewardSplit.parameters());
    specs.add(EnvironmentParameters.gammaSpec(0.99));
    return List.copyOf(specs);
  }

  private static boolean cliff(int row, int col) {
    return row == ROWS - 1 && col >= 1 && col <= COLS - 2;
  }

  /** The single-agent CliffWalking MDP. */
  public static MultiTaskMdp model(double gamma) {
    int states = ROWS * COLS;
    TransitionKernel.Builder kb = TransitionKernel.builder(states, 4);
    double[] reward = new double[states * 4];
    for (int s = 0; s < states; s++) {
      for (int a = 0; a < 4; a++) {
        if (s == GOAL) {
          kb.add(s, a, s, 1.0);
          continue;
        }
        int r = Math.min(Math.max(s / COLS + DROW[a], 0), ROWS - 1);
        int c = Math.min(Math.max(s % COLS + DCOL[a], 0), COLS - 1);
        if (cliff(r, c)) {
          kb.add(s, a, START, 1.0);
          reward[s * 4 + a] = -100;
        } else {
          kb.add(s, a, r * COLS + c, 1.0);
          reward[s * 4 + a] = -1;
        }
      }
    }
    double[] rho = new double[states];
    rho[START] = 1.0;
    return MultiTaskMdp.of(
        "cliffwalking-4x12", kb.build(), gamma, rho, List.of(RewardTable.of(states, 4, reward)));
  }

  @Override
  public Environment create(Parameters parameters, EnvironmentContext context) {
    double gamma = EnvironmentParameters.gamma(parameters);
    return EnvironmentParameters.named(
        parameters,
        () -> {
          MultiTaskMdp single = model(gamma);
          Map<String, Object> facts = new LinkedHashMap<>();
          facts.put("shape", "4x12");
          StringBuilder map = new StringBuilder();
          for (int r = 0; r < ROWS; r++) {
            map.append("  ");
            for (int c = 0; c < COLS; c++) {
              int s = r * COLS + c;
              map.append(s == START ? 'S' : s == GOAL ? 'G' : cliff(r, c) ? 'C' : '.');
            }
            map.append('\n');
          }
          String details =
              "CliffWalking (Gymnasium): actions 0 = up, 1 = right, 2 = down, 3 = left;"
                  + " -1 per move, -100 and back to S on entering the cliff C; G absorbing with reward 0\n"
                  + "map:\n"
                  + map;
          return Benchmarks.multiTask(single, parameters, context, details, facts);
        });
  }
}
