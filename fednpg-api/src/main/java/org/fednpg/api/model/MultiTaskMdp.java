package org.fednpg.api.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
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

  /** Partial models only: N and the agents whose rewards are held (null: complete model). */
  private final int agents;

  private final Map<Integer, RewardTable> held;

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
    this.agents = rewards.size();
    this.held = null;
  }

  private MultiTaskMdp(
      String name,
      TransitionKernel kernel,
      double gamma,
      double[] initial,
      int agents,
      Map<Integer, RewardTable> held) {
    this.name = name;
    this.kernel = kernel;
    this.gamma = gamma;
    this.initial = initial;
    this.rewards = null;
    this.agents = agents;
    this.held = held;
  }

  /**
   * A partial model: the shared kernel, γ and ρ of N agents, holding the rewards of some of them
   * only (a cluster node's view: its own agents). {@link #reward(int)} of an agent not held, {@link
   * #rewards()} and {@link #averagedReward()} throw {@link IllegalStateException}; everything else
   * behaves as in the complete model.
   *
   * @param agents N >= 1
   * @param held the rewards held, by agent index in [0, N) (copied; may be empty)
   * @throws InvalidInputException as {@link #of}
   */
  public static MultiTaskMdp partial(
      String name,
      TransitionKernel kernel,
      double gamma,
      double[] initial,
      int agents,
      Map<Integer, RewardTable> held) {
    if (agents < 1) {
      throw new InvalidInputException("at least one agent is required, got " + agents);
    }
    // validate kernel, γ and ρ exactly as of(...) does, with a placeholder reward list
    List<RewardTable> check = new ArrayList<>();
    check.add(
        RewardTable.of(
            kernel.states(), kernel.actions(), new double[kernel.states() * kernel.actions()]));
    MultiTaskMdp shape = of(name, kernel, gamma, initial, check);
    Map<Integer, RewardTable> copy = new TreeMap<>();
    for (Map.Entry<Integer, RewardTable> e : held.entrySet()) {
      int n = e.getKey();
      RewardTable r = e.getValue();
      if (n < 0 || n >= agents) {
        throw new InvalidInputException(
            "reward of agent " + n + " given, but the agents are 0.." + (agents - 1));
      }
      if (r.states() != kernel.states() || r.actions() != kernel.actions()) {
        throw new InvalidInputException(
            "reward table "
                + n
                + " is "
                + r.states()
                + "x"
                + r.actions()
                + ", expected "
                + kernel.states()
                + "x"
                + kernel.actions());
      }
      copy.put(n, r);
    }
    return new MultiTaskMdp(
        name, kernel, gamma, shape.initial, agents, Collections.unmodifiableMap(copy));
  }

  /** Whether every agent's reward is held (true unless made by {@link #partial}). */
  public boolean isComplete() {
    return held == null;
  }

  /** Whether agent {@code agent}'s reward is held. */
  public boolean holdsReward(int agent) {
    return held == null ? agent >= 0 && agent < agents : held.containsKey(agent);
  }

  /** The partial model holding only the rewards of {@code agentsHeld} (each must be held here). */
  public MultiTaskMdp restrictedTo(Collection<Integer> agentsHeld) {
    Map<Integer, RewardTable> m = new TreeMap<>();
    for (int n : agentsHeld) {
      m.put(n, reward(n));
    }
    return new MultiTaskMdp(name, kernel, gamma, initial, agents, Collections.unmodifiableMap(m));
  }

  private IllegalStateException notHeld(String what) {
    return new IllegalStateException(
        what
            + " of "
            + name
            + " is not held here: this is a partial model holding the rewards of agents "
            + held.keySet()
            + " only (node-local assembly)");
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
    return held == null
        ? new MultiTaskMdp(name, kernel, newGamma, initial, rewards)
        : new MultiTaskMdp(name, kernel, newGamma, initial, agents, held);
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
    return agents;
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
    if (held != null) {
      RewardTable r = held.get(agent);
      if (r == null) {
        throw notHeld("the reward of agent " + agent);
      }
      return r;
    }
    return rewards.get(agent);
  }

  /**
   * Every agent's reward.
   *
   * @throws IllegalStateException on a partial model
   */
  public List<RewardTable> rewards() {
    if (held != null) {
      throw notHeld("the list of all rewards");
    }
    return rewards;
  }

  /**
   * r̄ = (1/N) Σ_n r_n.
   *
   * @throws IllegalStateException on a partial model
   */
  public RewardTable averagedReward() {
    return RewardTable.average(rewards());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MultiTaskMdp m
        && gamma == m.gamma
        && kernel.equals(m.kernel)
        && java.util.Arrays.equals(initial, m.initial)
        && agents == m.agents
        && Objects.equals(rewards, m.rewards)
        && Objects.equals(held, m.held);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kernel, gamma, agents, rewards, held);
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
        + (held == null ? "" : ", rewards of agents " + held.keySet() + " only")
        + "]";
  }
}
