package org.fednpg.evaluators;

import org.fednpg.api.InvalidInputException;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.RewardTable;

/** The shape checks the evaluators make on a reward and a policy before they compute. */
final class Shapes {

  private Shapes() {}

  /**
   * Checks that {@code reward} and {@code policy} are {@code states × actions}.
   *
   * @param owner what has that shape, for the message ("the MDP", "the model")
   * @throws InvalidInputException naming both shapes otherwise
   */
  static void require(RewardTable reward, LogPolicy policy, int states, int actions, String owner) {
    require("reward", reward.states(), reward.actions(), states, actions, owner);
    require("policy", policy.states(), policy.actions(), states, actions, owner);
  }

  private static void require(
      String what, int rows, int columns, int states, int actions, String owner) {
    if (rows != states || columns != actions) {
      throw new InvalidInputException(
          what
              + " is "
              + rows
              + "x"
              + columns
              + " but "
              + owner
              + " has "
              + states
              + " states and "
              + actions
              + " actions");
    }
  }
}
