package org.fednpg.envs;

import java.util.List;
import org.fednpg.api.Environment;
import org.fednpg.api.EnvironmentContext;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;

/**
 * Provider {@code gridworld}: the paper's GridWorld as reconstructed in SPEC §6 (see {@link
 * GridWorld}). Without {@code path}, the path is drawn uniformly from the environment's seed (child
 * {@code "path"}), so it depends on the seed only.
 */
public final class GridWorldProvider implements EnvironmentProvider {

  @Override
  public String name() {
    return "gridworld";
  }

  @Override
  public String description() {
    return "the paper's K x K GridWorld (our reconstruction): agents own contiguous segments of a"
        + " random monotone path";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.optional("size", ParameterType.INTEGER, 10L, "grid side K >= 2"),
        ParameterSpec.optional("agents", ParameterType.INTEGER, 10L, "number of agents N >= 1"),
        ParameterSpec.optional(
            "path",
            ParameterType.STRING,
            null,
            "the path as 2K-2 letters R (right) / D (down); drawn uniformly from the seed if absent"),
        EnvironmentParameters.gammaSpec(0.99));
  }

  @Override
  public Environment create(Parameters parameters, EnvironmentContext context) {
    int size = parameters.intInRange("size", 2, 46_340);
    int agents = parameters.intInRange("agents", 1, Integer.MAX_VALUE);
    double gamma = EnvironmentParameters.gamma(parameters);
    String path =
        parameters
            .findString("path")
            .orElseGet(() -> GridWorld.randomPath(size, context.random().child("path").random()));
    return EnvironmentParameters.named(
        parameters, () -> GridWorld.create(size, agents, path, gamma));
  }
}
