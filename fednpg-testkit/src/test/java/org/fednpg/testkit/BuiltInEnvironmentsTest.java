package org.fednpg.testkit;

import java.util.List;
import java.util.Map;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.io.AtomicFiles;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.core.plugin.ComponentRegistry.Family;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.envs.io.MdpFiles;
import org.fednpg.testing.RandomMdps;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link EnvironmentContract} for every registered environment provider (discovered, so a new
 * built-in is covered without being listed). The parameter overrides below are the ones the
 * providers' own tests in fednpg-envs used when they extended the contract there.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("names")
class BuiltInEnvironmentsTest extends EnvironmentContract {

  private final String name;

  BuiltInEnvironmentsTest(String name) {
    this.name = name;
  }

  static List<String> names() {
    return BuiltIns.names(Family.ENVIRONMENT);
  }

  @Override
  protected EnvironmentProvider provider() {
    return Plugins.registry().environment(name);
  }

  @Override
  protected Map<String, Object> smallParameters() {
    switch (name) {
      case "gridworld":
        return Map.of("size", 4, "agents", 2);
      case "file":
        MdpFiles.write(RandomMdps.create(5, 6, 2, 3, 4, 0.8), tempDir.resolve("data/source.json"));
        return Map.of("path", "data/source.json");
      case "files":
        {
          MultiTaskMdp mdp = RandomMdps.create(5, 6, 2, 3, 4, 0.8);
          MdpFiles.write(mdp, tempDir.resolve("data/kernel.json"));
          for (int n = 0; n < mdp.agents(); n++) {
            AtomicFiles.writeString(
                tempDir.resolve("data/rewards/agent-" + n + ".json"),
                MdpFiles.rewardJson(mdp.reward(n)));
          }
          return Map.of(
              "kernel",
              "data/kernel.json",
              "rewards",
              "data/rewards/agent-{agent}.json",
              "agents",
              4);
        }
      default:
        return Map.of();
    }
  }

  @Override
  protected Map<String, Object> multiAgentParameters() {
    switch (name) {
      case "gridworld":
        return Map.of("size", 5, "agents", 3);
      case "garnet":
        return Map.of("states", 40, "actions", 3, "branching", 6, "agents", 4);
      case "forest":
        return Map.of("agents", 3, "split", "perturb", "noise", 0.2);
      case "frozenlake":
        return Map.of("map", "8x8", "agents", 4, "split", "partition");
      case "taxi":
        return Map.of("agents", 3, "split", "perturb");
      case "cliffwalking":
        return Map.of("agents", 6, "split", "partition");
      default:
        return smallParameters();
    }
  }
}
