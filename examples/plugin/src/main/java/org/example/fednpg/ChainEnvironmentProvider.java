package org.example.fednpg;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fednpg.api.Environment;
import org.fednpg.api.EnvironmentContext;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;

/**
 * {@code chain}: states 0..n−1 on a line, actions left (0) and right (1); a move succeeds with
 * probability 1 − slip and stays otherwise. Agent k is rewarded 1 for any action in state
 * (n−1) and, to make the tasks differ, (k+1)/(N+1) for "left" in state 0.
 */
public final class ChainEnvironmentProvider implements EnvironmentProvider {

  @Override
  public String name() {
    return "chain";
  }

  @Override
  public String description() {
    return "a line of states, move left or right, reward at the far end (example plugin)";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.optional("states", ParameterType.INTEGER, 5L, "chain length >= 2"),
        ParameterSpec.optional("agents", ParameterType.INTEGER, 3L, "number of agents >= 1"),
        ParameterSpec.optional("slip", ParameterType.NUMBER, 0.1,
            "probability that a move fails, in [0, 1)"),
        ParameterSpec.optional("gamma", ParameterType.NUMBER, 0.9, "discount in (0, 1)"));
  }

  @Override
  public Environment create(Parameters p, EnvironmentContext context) {
    int n = p.intInRange("states", 2, 10_000);
    int agents = p.intInRange("agents", 1, 1_000);
    double slip = p.doubleInHalfOpenRange("slip", 0, 1);
    double gamma = p.doubleInRange("gamma", 0, false, 1, false);
    TransitionKernel.Builder k = TransitionKernel.builder(n, 2);
    for (int s = 0; s < n; s++) {
      for (int a = 0; a < 2; a++) {
        int next = a == 0 ? Math.max(0, s - 1) : Math.min(n - 1, s + 1);
        if (next == s || slip == 0) {
          k.add(s, a, next, 1.0);
        } else {
          k.add(s, a, next, 1 - slip);
          k.add(s, a, s, slip);
        }
      }
    }
    List<RewardTable> rewards = new ArrayList<>();
    for (int agent = 0; agent < agents; agent++) {
      double[] r = new double[n * 2];
      r[(n - 1) * 2] = 1;
      r[(n - 1) * 2 + 1] = 1;
      r[0] = (agent + 1.0) / (agents + 1.0);
      rewards.add(RewardTable.of(n, 2, r));
    }
    MultiTaskMdp mdp = MultiTaskMdp.of("chain-" + n, k.build(), gamma, null, rewards);
    // Map.of is fine: the cluster writes manifest facts canonically before comparing them
    return Environment.of(mdp, Map.of("states", n, "agents", agents, "slip", slip));
  }
}
