package org.fednpg.envs;

import java.util.Locale;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;

/**
 * Text pieces shared by the environments' {@code describe()}: sizes and per-agent reward ranges.
 */
public final class EnvironmentDescriptions {

  private EnvironmentDescriptions() {}

  /**
   * A summary of any MDP: name, |S|, |A|, N, γ, stored transitions, the support of ρ, and each
   * agent's reward range (the averaged reward's range too when N > 1).
   */
  public static String summary(MultiTaskMdp mdp) {
    StringBuilder b = new StringBuilder();
    b.append(mdp.name())
        .append(": ")
        .append(mdp.states())
        .append(" states, ")
        .append(mdp.actions())
        .append(" actions, ")
        .append(mdp.agents())
        .append(mdp.agents() == 1 ? " agent" : " agents")
        .append(", gamma ")
        .append(mdp.gamma())
        .append(", ")
        .append(mdp.kernel().nonZeros())
        .append(" transitions\n");
    int support = 0;
    for (int s = 0; s < mdp.states(); s++) {
      if (mdp.initial(s) > 0) {
        support++;
      }
    }
    b.append("initial distribution: ");
    if (support == 1) {
      for (int s = 0; s < mdp.states(); s++) {
        if (mdp.initial(s) > 0) {
          b.append("state ").append(s);
        }
      }
    } else {
      b.append(support).append(" states");
    }
    b.append('\n');
    for (int n = 0; n < mdp.agents(); n++) {
      b.append("agent ").append(n).append(" reward ").append(range(mdp.reward(n))).append('\n');
    }
    if (mdp.agents() > 1) {
      b.append("averaged reward ").append(range(mdp.averagedReward())).append('\n');
    }
    return b.toString();
  }

  private static String range(RewardTable r) {
    int nonZero = 0;
    for (int i = 0; i < r.states() * r.actions(); i++) {
      if (r.get(i) != 0) {
        nonZero++;
      }
    }
    return String.format(
        Locale.ROOT, "in [%s, %s], %d non-zero (s,a) pairs", fmt(r.min()), fmt(r.max()), nonZero);
  }

  private static String fmt(double x) {
    return String.format(Locale.ROOT, "%.6g", x)
        .replaceAll("\\.?0+$", "")
        .replaceAll("\\.?0+e", "e");
  }
}
