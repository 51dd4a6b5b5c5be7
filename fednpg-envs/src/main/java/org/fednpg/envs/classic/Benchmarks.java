package org.fednpg.envs.classic;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.EnvironmentContext;
import org.fednpg.api.Parameters;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.envs.EnvironmentDescriptions;
import org.fednpg.envs.RewardSplit;
import org.fednpg.envs.TabularEnvironment;

/** Turns a single-task benchmark into a multi-task environment by the chosen split rule. */
final class Benchmarks {

  private Benchmarks() {}

  static TabularEnvironment multiTask(
      MultiTaskMdp single,
      Parameters parameters,
      EnvironmentContext context,
      String details,
      Map<String, Object> facts) {
    List<RewardTable> rewards = RewardSplit.apply(single.reward(0), parameters, context.random());
    MultiTaskMdp mdp = single.withRewards(rewards);
    Map<String, Object> info = new LinkedHashMap<>(facts);
    info.put("split", parameters.getString("split"));
    if (RewardSplit.byName(parameters.getString("split")) == RewardSplit.PERTURB) {
      info.put("noise", parameters.getDouble("noise"));
    }
    String text =
        EnvironmentDescriptions.summary(mdp)
            + "reward split '"
            + parameters.getString("split")
            + "' (averaged reward = the benchmark's reward)\n"
            + details;
    return new TabularEnvironment(mdp, text, info);
  }
}
