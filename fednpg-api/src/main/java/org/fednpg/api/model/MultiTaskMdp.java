package org.fednpg.api.model;

import java.util.List;
import java.util.Objects;
import org.fednpg.api.InvalidInputException;

/**
 * N agents' shared finite MDP: one transition kernel, discount γ and initial distribution ρ, and
 * one private reward table per agent (SPEC §1). Immutable.
 */
public final class MultiTaskMdp {

  /** Allowed deviation of ρ's sum from 1. */
  public static final double INITIAL_SUM_TOLERANCE = 1e-9;

  private final String name;
  private final TransitionKernel kernel;
  private final double gamma;
  private final double[] initial;
  private final List<RewardTable> rewards;

  private MultiTaskMdp(
      String name,
      TransitionKernel kernel,
      double gamma,
      double[] initial,
      List<RewardTable> rewards) {
    this.name = name;
    this.kernel = kernel;
    this.gamma = gamma;
    this.initial = initial;
    this.rewards = rewards;
  }

  /**
   * Validates and assembles an MDP.
   *
   * @param name label for messages and manifests
   * @param kernel shared transition kernel
   * @param gamma discount in [0, 1)
   * @param initial ρ over states (copied), or null for uniform
   * @param rewards one table per agent, at least one, all of the kernel's shape
   * @throws InvalidInputException naming the offending field
   */
  public static MultiTaskMdp of(
      String name,
      TransitionKernel kernel,
      double gamma,
      double[] initial,
      List<RewardTable> rewards) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kernel, "kernel");
    checkGamma(gamma);
    int n = kernel.states();
    double[] rho;
    if (initial == null) {
      rho = new double[n];
      java.util.Arrays.fill(rho, 1.0 / n);
    } else {
      if (initial.length != n) {
        throw new InvalidInputException(
            "initial distribution has " + initial.length + " entries, expected " + n);
      }
      double sum = 0;
      for (int s = 0; s < n; s++) {
        if (!Double.isFinite(initial[s]) || initial[s] < 0) {
          throw new InvalidInputException(
              "initial[" + s + "] must be finite and >= 0, got " + initial[s]);
        }
        sum += initial[s];
      }
      if (Math.abs(sum - 1) > INITIAL_SUM_TOLERANCE) {
        throw new InvalidInputException("initial distribution sums to " + sum + ", expected 1");
      }
      rho = initial.clone();
    }
    if (rewards.isEmpty()) {
      throw new InvalidInputException("at least one agent reward table is required");
    }
    for (int i = 0; i < rewards.size(); i++) {
      RewardTable r = rewards.get(i);
      if (r.states() != n || r.actions() != kernel.actions()) {
        throw new InvalidInputException(
            "reward table "
                + i
                + " is "
                + r.states()
                + "x"
                + r.actions()
                + ", expected "
                + n
                + "x"
                + kernel.actions());
      }
    }
    return new MultiTaskMdp(name, kernel, gamma, rho, List.copyOf(rewards));
  }

  private static void checkGamma(double gamma) {
    if (!(gamma >= 0 && gamma < 1)) {
      throw new InvalidInputException("gamma must be in [0, 1), got " + gamma);
    }
  }

  /** The same MDP with another discount. */
  public MultiTaskMdp withGamma(double newGamma) {
    checkGamma(newGamma);
    return new MultiTaskMdp(name, kernel, newGamma, initial, rewards);
  }

  /** The same MDP with other reward tables (validated like {@link #of}). */
  public MultiTaskMdp withRewards(List<RewardTable> newRewards) {
    return of(name, kernel, gamma, initial, newRewards);
  }

  public String name() {
    return name;
  }

  public TransitionKernel kernel() {
    return kernel;
  }

  public int states() {
    return kernel.states();
  }

  public int actions() {
    return kernel.actions();
  }

  /** Number of agents N (= number of reward tables). */
  public int agents() {
    return rewards.size();
  }

  public double gamma() {
    return gamma;
  }

  /** ρ(s). */
  public double initial(int s) {
    return initial[s];
  }

  public double[] initialCopy() {
    return initial.clone();
  }

  /** Agent n's reward table. */
  public RewardTable reward(int agent) {
    return rewards.get(agent);
  }

  public List<RewardTable> rewards() {
    return rewards;
  }

  /** r̄ = (1/N) Σ_n r_n. */
  public RewardTable averagedReward() {
    return RewardTable.average(rewards);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MultiTaskMdp m
        && gamma == m.gamma
        && kernel.equals(m.kernel)
        && java.util.Arrays.equals(initial, m.initial)
        && rewards.equals(m.rewards);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kernel, gamma, rewards);
  }

  @Override
  public String toString() {
    return "MultiTaskMdp["
        + name
        + ": "
        + states()
        + " states, "
        + actions()
        + " actions, "
        + agents()
        + " agents, gamma "
        + gamma
        + "]";
  }
}
