package org.fednpg.envs.classic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.Environment;
import org.fednpg.api.EnvironmentContext;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.NamedProvider;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;
import org.fednpg.envs.EnvironmentParameters;
import org.fednpg.envs.RewardSplit;

/**
 * Provider {@code forest}: the forest-management MDP of pymdptoolbox, {@code
 * mdptoolbox.example.forest(S=3, r1=4, r2=2, p=0.1)} (Chadès, Chapron, Cros, Garcia and Sabbadin,
 * MDPtoolbox, Ecography 2014). States 0..S−1 are the forest's age class; action 0 = wait, 1 = cut.
 * Wait: with probability p a fire resets the forest to state 0, otherwise it grows to min(s+1,
 * S−1). Cut: back to state 0. Rewards: wait earns r1 in the oldest state S−1 and 0 elsewhere; cut
 * earns 0 in state 0, 1 in states 1..S−2 and r2 in state S−1. ρ is uniform (the toolbox has none).
 * At γ = 0.9 the optimal values are (26.244, 29.484, 33.484) with "wait" everywhere (pymdptoolbox's
 * PolicyIteration docstring).
 */
public final class ForestProvider extends NamedProvider implements EnvironmentProvider {

  public ForestProvider() {
    super("forest", "pymdptoolbox's forest-management MDP (wait/cut, fire probability p)");
  }

  /** Action wait. */
  public static final int WAIT = 0;

  /** Action cut. */
  public static final int CUT = 1;

  @Override
  public List<ParameterSpec> parameters() {
    List<ParameterSpec> specs =
        new ArrayList<>(
            List.of(
                ParameterSpec.optional(
                    "states", ParameterType.INTEGER, 3L, "number of age classes S >= 2"),
                ParameterSpec.optional(
                    "r1", ParameterType.NUMBER, 4.0, "reward for waiting in the oldest state"),
                ParameterSpec.optional(
                    "r2", ParameterType.NUMBER, 2.0, "reward for cutting in the oldest state"),
                ParameterSpec.optional(
                    "p", ParameterType.NUMBER, 0.1, "fire probability per wait, in [0, 1]")));
    specs.addAll(RewardSplit.parameters());
    specs.add(EnvironmentParameters.gammaSpec(0.9));
    return List.copyOf(specs);
  }

  /** The single-agent forest MDP with ρ uniform. */
  public static MultiTaskMdp model(int states, double r1, double r2, double p, double gamma) {
    if (states < 2) {
      throw new InvalidInputException("parameter 'states' must be >= 2, got " + states);
    }
    if (!(p >= 0 && p <= 1)) {
      throw new InvalidInputException("parameter 'p' must be in [0, 1], got " + p);
    }
    TransitionKernel.Builder kb = TransitionKernel.builder(states, 2);
    double[] r = new double[states * 2];
    for (int s = 0; s < states; s++) {
      kb.add(s, WAIT, 0, p);
      kb.add(s, WAIT, Math.min(s + 1, states - 1), 1 - p);
      kb.add(s, CUT, 0, 1.0);
      r[s * 2 + CUT] = s == 0 ? 0 : 1;
    }
    r[(states - 1) * 2 + WAIT] = r1;
    r[(states - 1) * 2 + CUT] = r2;
    return MultiTaskMdp.of(
        "forest-" + states, kb.build(), gamma, null, List.of(RewardTable.of(states, 2, r)));
  }

  @Override
  public Environment create(Parameters parameters, EnvironmentContext context) {
    int states = parameters.intInRange("states", 2, Integer.MAX_VALUE);
    double r1 = parameters.getDouble("r1");
    double r2 = parameters.getDouble("r2");
    double p = parameters.doubleInRange("p", 0, 1);
    double gamma = EnvironmentParameters.gamma(parameters);
    return EnvironmentParameters.named(
        parameters,
        () -> {
          MultiTaskMdp single = model(states, r1, r2, p, gamma);
          Map<String, Object> facts = new LinkedHashMap<>();
          facts.put("states", states);
          facts.put("r1", r1);
          facts.put("r2", r2);
          facts.put("p", p);
          String details =
              "forest management (pymdptoolbox): actions 0 = wait, 1 = cut; fire"
                  + " probability "
                  + p
                  + "; wait in oldest state earns "
                  + r1
                  + ", cut earns 0 / 1 / "
                  + r2
                  + " (youngest / middle / oldest)\n";
          return Benchmarks.multiTask(single, parameters, context, details, facts);
        });
  }
}
