package org.fednpg.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;

/**
 * Small seeded random multi-task MDPs for tests that must not depend on the environments module:
 * each (s, a) moves to {@code branching} distinct random states with Dirichlet(1) probabilities;
 * rewards uniform in [0, 1]; ρ uniform.
 */
public final class RandomMdps {

  private RandomMdps() {}

  public static MultiTaskMdp create(
      long seed, int states, int actions, int branching, int agents, double gamma) {
    SplittableRandom rng = new SplittableRandom(seed);
    TransitionKernel.Builder kb = TransitionKernel.builder(states, actions);
    for (int s = 0; s < states; s++) {
      for (int a = 0; a < actions; a++) {
        int[] perm = new int[states];
        for (int i = 0; i < states; i++) {
          perm[i] = i;
        }
        double[] w = new double[branching];
        double total = 0;
        for (int j = 0; j < branching; j++) {
          int k = j + rng.nextInt(states - j);
          int t = perm[j];
          perm[j] = perm[k];
          perm[k] = t;
          w[j] = -Math.log(1 - rng.nextDouble());
          total += w[j];
        }
        double used = 0;
        for (int j = 0; j < branching; j++) {
          double p = j == branching - 1 ? 1 - used : w[j] / total;
          used += p;
          kb.add(s, a, perm[j], p);
        }
      }
    }
    List<RewardTable> rewards = new ArrayList<>();
    for (int n = 0; n < agents; n++) {
      double[] r = new double[states * actions];
      for (int i = 0; i < r.length; i++) {
        r[i] = rng.nextDouble();
      }
      rewards.add(RewardTable.of(states, actions, r));
    }
    return MultiTaskMdp.of("random-" + seed, kb.build(), gamma, null, rewards);
  }
}
