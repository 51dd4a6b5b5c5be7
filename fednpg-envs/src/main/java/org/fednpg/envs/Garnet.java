package org.fednpg.envs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.RandomSource;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;

/**
 * Garnet random MDPs (Archibald, McKinnon and Thomas 1995; SPEC §6). For each (s, a), b distinct
 * next states are drawn uniformly without replacement (Floyd's algorithm, so a row costs O(b)
 * whatever |S| is) and given, in ascending state order, the gaps between b−1 sorted uniform cut
 * points of [0, 1] (a uniform point of the simplex; gaps are exchangeable, so the order does not
 * matter). A draw with a zero gap is repeated, so every row has exactly b next states. ρ is
 * uniform. Reward models, per agent, from independent streams:
 *
 * <ul>
 *   <li>{@code uniform}: r_n(s, a) i.i.d. uniform on [0, 1] (SPEC §6).
 * </ul>
 *
 * Streams: the kernel uses the seed node's child {@code "kernel"}, agent n's reward its child
 * {@code "rewards"} then n — adding agents leaves the kernel and the other agents' rewards alone.
 */
public final class Garnet {

  /** Reward model names accepted by {@link #create}. */
  public static final List<String> REWARD_MODELS = List.of("uniform");

  private Garnet() {}

  /**
   * Builds a Garnet environment.
   *
   * @throws InvalidInputException naming the parameter at fault
   */
  public static TabularEnvironment create(
      int states,
      int actions,
      int branching,
      int agents,
      String rewardModel,
      double gamma,
      RandomSource random) {
    if (states < 1) {
      throw new InvalidInputException("parameter 'states' must be >= 1, got " + states);
    }
    if (actions < 1) {
      throw new InvalidInputException("parameter 'actions' must be >= 1, got " + actions);
    }
    if (branching < 1 || branching > states) {
      throw new InvalidInputException(
          "parameter 'branching' must be in [1, states = " + states + "], got " + branching);
    }
    if (agents < 1) {
      throw new InvalidInputException("parameter 'agents' must be >= 1, got " + agents);
    }
    if (!REWARD_MODELS.contains(rewardModel)) {
      throw new InvalidInputException(
          "parameter 'rewards' must be one of " + REWARD_MODELS + ", got '" + rewardModel + "'");
    }
    SplittableRandom rng = random.child("kernel").random();
    TransitionKernel.Builder kb = TransitionKernel.builder(states, actions);
    int[] chosen = new int[branching];
    double[] cuts = new double[branching + 1];
    java.util.HashSet<Integer> seen = new java.util.HashSet<>();
    for (int s = 0; s < states; s++) {
      for (int a = 0; a < actions; a++) {
        seen.clear();
        int c = 0;
        for (int j = states - branching; j < states; j++) {
          int t = rng.nextInt(j + 1);
          int pick = seen.contains(t) ? j : t;
          seen.add(pick);
          chosen[c++] = pick;
        }
        Arrays.sort(chosen);
        boolean ok;
        do {
          cuts[0] = 0;
          cuts[branching] = 1;
          for (int j = 1; j < branching; j++) {
            cuts[j] = rng.nextDouble();
          }
          Arrays.sort(cuts, 1, branching);
          ok = true;
          for (int j = 0; j < branching; j++) {
            if (!(cuts[j + 1] - cuts[j] > 0)) {
              ok = false;
            }
          }
        } while (!ok);
        for (int j = 0; j < branching; j++) {
          kb.add(s, a, chosen[j], cuts[j + 1] - cuts[j]);
        }
      }
    }
    List<RewardTable> tables = new ArrayList<>(agents);
    RandomSource rewardRoot = random.child("rewards");
    for (int n = 0; n < agents; n++) {
      SplittableRandom r = rewardRoot.child(n).random();
      double[] t = new double[states * actions];
      for (int i = 0; i < t.length; i++) {
        t[i] = r.nextDouble();
      }
      tables.add(RewardTable.of(states, actions, t));
    }
    String name = "garnet-" + states + "-" + actions + "-" + branching;
    MultiTaskMdp mdp = MultiTaskMdp.of(name, kb.build(), gamma, null, tables);
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("rewards", rewardModel);
    info.put("branching", branching);
    String text =
        EnvironmentDescriptions.summary(mdp)
            + "Garnet("
            + states
            + ", "
            + actions
            + ", "
            + branching
            + "): each (s,a) has exactly "
            + branching
            + " next states with uniform-simplex probabilities; reward model '"
            + rewardModel
            + "' (i.i.d. uniform [0,1] per agent); initial distribution uniform\n";
    return new TabularEnvironment(mdp, text, info);
  }
}
