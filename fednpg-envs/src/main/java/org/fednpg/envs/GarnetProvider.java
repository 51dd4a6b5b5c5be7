package org.fednpg.envs;

import java.util.List;
import org.fednpg.api.Environment;
import org.fednpg.api.EnvironmentContext;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;

/** Provider {@code garnet}: seeded Garnet(|S|, |A|, b) random MDPs, see {@link Garnet}. */
public final class GarnetProvider implements EnvironmentProvider {

  @Override
  public String name() {
    return "garnet";
  }

  @Override
  public String description() {
    return "Garnet(|S|,|A|,b) random MDP: b random next states per (s,a), per-agent random rewards";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.optional("states", ParameterType.INTEGER, 30L, "number of states |S| >= 1"),
        ParameterSpec.optional("actions", ParameterType.INTEGER, 4L, "number of actions |A| >= 1"),
        ParameterSpec.optional(
            "branching", ParameterType.INTEGER, 5L, "next states per (s,a), 1 <= b <= states"),
        ParameterSpec.optional("agents", ParameterType.INTEGER, 1L, "number of agents N >= 1"),
        ParameterSpec.choice(
            "rewards",
            "uniform",
            "reward model: uniform = i.i.d. uniform [0,1] per agent and (s,a)",
            "uniform"),
        EnvironmentParameters.gammaSpec(0.9));
  }

  @Override
  public Environment create(Parameters parameters, EnvironmentContext context) {
    int states = parameters.intInRange("states", 1, Integer.MAX_VALUE);
    int actions = parameters.intInRange("actions", 1, Integer.MAX_VALUE);
    int branching = parameters.intInRange("branching", 1, Integer.MAX_VALUE);
    if (branching > states) {
      throw parameters.invalid("branching", "must be <= states (" + states + ")");
    }
    int agents = parameters.intInRange("agents", 1, Integer.MAX_VALUE);
    double gamma = EnvironmentParameters.gamma(parameters);
    String rewards = parameters.getString("rewards");
    return EnvironmentParameters.named(
        parameters,
        () -> Garnet.create(states, actions, branching, agents, rewards, gamma, context.random()));
  }
}
