package org.fednpg.envs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.RandomSource;
import org.fednpg.api.model.RewardTable;

/**
 * How a single-task benchmark's reward r becomes N private rewards r_1..r_N (SPEC §6, "multi-task
 * versions split or perturb the reward across agents by a named, seeded rule"). These rules are our
 * choice, not the paper's. All three keep the averaged reward r̄ = (1/N) Σ_n r_n equal to r (up to
 * floating-point rounding), so the global optimum and the published optimal values of the benchmark
 * are unchanged:
 *
 * <ul>
 *   <li>{@code identical}: r_n = r for every agent.
 *   <li>{@code partition}: the rewarded pairs (s, a) with r(s, a) ≠ 0, in order of s·|A| + a, are
 *       shuffled with the seed and dealt round-robin to agents 0, 1, …, N−1 (so counts differ by at
 *       most one); agent n gets r_n(s, a) = N·r(s, a) on its own pairs and 0 elsewhere. Each agent
 *       sees only part of the task; rewards are scaled by N so that r̄ = r.
 *   <li>{@code perturb}: r_n(s, a) = r(s, a) + ε·(ξ_n(s, a) − (1/N) Σ_m ξ_m(s, a)) with ξ i.i.d.
 *       uniform on [−1, 1] from the seed and ε = {@code noise}. The noise is centred across agents,
 *       so r̄ = r and |r_n − r| ≤ 2ε; with N = 1 it is zero.
 * </ul>
 */
public enum RewardSplit {
  /** Every agent gets the full reward. */
  IDENTICAL,
  /** Rewarded pairs dealt among agents, scaled by N. */
  PARTITION,
  /** Reward plus centred seeded noise. */
  PERTURB;

  /** Default noise size ε of {@link #PERTURB}. */
  public static final double DEFAULT_NOISE = 0.1;

  /** The name used in specs ({@code identical}, {@code partition}, {@code perturb}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The rule named {@code label}. */
  public static RewardSplit byName(String label) {
    for (RewardSplit r : values()) {
      if (r.label().equals(label)) {
        return r;
      }
    }
    throw new InvalidInputException(
        "unknown reward split '" + label + "'; accepted: identical, partition, perturb");
  }

  /** The {@code agents}, {@code split} and {@code noise} parameters shared by the benchmarks. */
  public static List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.optional("agents", ParameterType.INTEGER, 1L, "number of agents N >= 1"),
        ParameterSpec.choice(
            "split",
            "identical",
            "how the reward is shared among agents (r̄ = r for every rule): identical = every agent"
                + " gets r; partition = rewarded (s,a) pairs dealt among agents from the seed, each"
                + " scaled by N; perturb = r plus seeded noise centred across agents",
            "identical",
            "partition",
            "perturb"),
        ParameterSpec.optional(
            "noise",
            ParameterType.NUMBER,
            DEFAULT_NOISE,
            "noise size ε >= 0 for split=perturb (uniform in [-ε, ε] before centring)"));
  }

  /**
   * Applies the rule given by {@code split}/{@code agents}/{@code noise} in {@code params}.
   *
   * @param random the environment's seed node (the rule uses its child {@code "split"})
   */
  public static List<RewardTable> apply(RewardTable base, Parameters params, RandomSource random) {
    int agents = params.intInRange("agents", 1, 1_000_000);
    RewardSplit rule = byName(params.getString("split"));
    double noise = params.doubleInRange("noise", 0, Double.MAX_VALUE);
    return rule.split(base, agents, noise, random);
  }

  /**
   * Splits {@code base} into {@code agents} tables by this rule.
   *
   * @param noise ε for {@link #PERTURB} (ignored otherwise)
   * @param random the environment's seed node (this uses its child {@code "split"})
   */
  public List<RewardTable> split(RewardTable base, int agents, double noise, RandomSource random) {
    if (agents < 1) {
      throw new InvalidInputException("agents must be >= 1, got " + agents);
    }
    int states = base.states();
    int actions = base.actions();
    double[] r = base.toArray();
    SplittableRandom rng = random.child("split").random();
    List<RewardTable> out = new ArrayList<>(agents);
    switch (this) {
      case IDENTICAL:
        for (int n = 0; n < agents; n++) {
          out.add(base);
        }
        return out;
      case PARTITION:
        {
          int[] pairs = new int[r.length];
          int count = 0;
          for (int sa = 0; sa < r.length; sa++) {
            if (r[sa] != 0) {
              pairs[count++] = sa;
            }
          }
          for (int i = count - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = pairs[i];
            pairs[i] = pairs[j];
            pairs[j] = t;
          }
          double[][] tables = new double[agents][r.length];
          for (int i = 0; i < count; i++) {
            tables[i % agents][pairs[i]] = agents * r[pairs[i]];
          }
          for (double[] t : tables) {
            out.add(RewardTable.of(states, actions, t));
          }
          return out;
        }
      case PERTURB:
        {
          if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new InvalidInputException("noise must be finite and >= 0, got " + noise);
          }
          double[][] xi = new double[agents][r.length];
          double[] mean = new double[r.length];
          for (int n = 0; n < agents; n++) {
            for (int sa = 0; sa < r.length; sa++) {
              xi[n][sa] = 2 * rng.nextDouble() - 1;
              mean[sa] += xi[n][sa] / agents;
            }
          }
          for (int n = 0; n < agents; n++) {
            double[] t = new double[r.length];
            for (int sa = 0; sa < r.length; sa++) {
              t[sa] = r[sa] + noise * (xi[n][sa] - mean[sa]);
            }
            out.add(RewardTable.of(states, actions, t));
          }
          return out;
        }
      default:
        throw new IllegalStateException("unhandled split " + this);
    }
  }
}
