package org.fednpg.evaluators;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.RewardTable;

/**
 * The values of a second reward (the metrics' r̄) solved together with an agent's own evaluation,
 * kept until the metrics ask for them: the run's metrics evaluate every agent's current policy on
 * r̄, the same matrix I − γP_π the agent has just solved for its own reward, so {@link
 * ExactPolicyEvaluator} solves both in one pass ({@link BellmanSolver#qInto(double, RewardTable,
 * LogPolicy, double, double, double[], double[], RewardTable, double[])}) and the metrics' request
 * is answered from here.
 *
 * <p>Never changes a number: the kept values are those of a cold solve (null start), bit for bit
 * what the metrics' own cold solve would return, so a hit and a miss give the same result and which
 * one happens only decides the speed (our choice; this is what keeps results identical with 1 and 2
 * threads, across {@code --resume} and between runtimes). What to solve is learned: the reward and
 * τ of the last cold V-only request, and per agent whether the policy it evaluated last was asked
 * for (so a run that computes metrics every iteration pairs every solve, one that never asks pairs
 * none). Policies are matched by identity. Thread-safe; one per {@link BellmanSolver}.
 */
final class Companions {

  /** What an agent evaluated last, and the companion values if they were solved. */
  private static final class Slot {
    LogPolicy policy;
    double gamma;
    double tau;
    RewardTable reward;
    double[] values;
    boolean asked;
  }

  private final Map<Integer, Slot> slots = new HashMap<>();

  /** The slots whose last evaluation was of a policy (agents may share one, e.g. the start). */
  private final Map<LogPolicy, List<Slot>> byPolicy = new IdentityHashMap<>();

  private RewardTable wanted;
  private double wantedTau;

  /**
   * The reward to solve along with agent {@code agent}'s evaluation at τ = {@code tau}, or null:
   * the learned reward, when the agent's previous policy was asked for and the agent's own reward
   * is another table.
   */
  synchronized RewardTable companionFor(int agent, RewardTable own, double tau) {
    Slot slot = slots.get(agent);
    if (wanted == null || slot == null || !slot.asked || wanted == own || wantedTau != tau) {
      return null;
    }
    return wanted;
  }

  /** Records agent {@code agent}'s evaluation of {@code policy}, with companion values or null. */
  synchronized void record(
      int agent, LogPolicy policy, double gamma, double tau, RewardTable reward, double[] values) {
    Slot slot = slots.computeIfAbsent(agent, a -> new Slot());
    if (slot.policy != null) {
      List<Slot> same = byPolicy.get(slot.policy);
      same.remove(slot);
      if (same.isEmpty()) {
        byPolicy.remove(slot.policy);
      }
    }
    byPolicy.computeIfAbsent(policy, p -> new ArrayList<>(1)).add(slot);
    slot.policy = policy;
    slot.gamma = gamma;
    slot.tau = tau;
    slot.reward = reward;
    slot.values = values;
    slot.asked = false;
  }

  /**
   * The kept cold-solve values of {@code policy} for {@code reward} at γ, τ, or null (then the
   * caller solves cold itself); either way the request is remembered for what to pair next. The
   * values are handed over (not kept).
   */
  synchronized double[] take(LogPolicy policy, RewardTable reward, double gamma, double tau) {
    wanted = reward;
    wantedTau = tau;
    List<Slot> same = byPolicy.get(policy);
    if (same == null) {
      return null;
    }
    double[] found = null;
    for (Slot slot : same) {
      slot.asked = true;
      double[] v = slot.values;
      if (found == null
          && v != null
          && slot.reward == reward
          && slot.gamma == gamma
          && slot.tau == tau) {
        slot.values = null;
        found = v;
      }
    }
    return found;
  }
}
