package org.fednpg.envs.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.fednpg.api.Environment;
import org.fednpg.api.EnvironmentContext;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.envs.EnvironmentDescriptions;
import org.fednpg.envs.TabularEnvironment;

/**
 * Provider {@code files} (issue 19): the shared kernel from one {@code fednpg-mdp/1} file and each
 * agent's reward from its own file ({@link MdpFiles#readKernel}, {@link MdpFiles#readReward}).
 * {@code rewards} is a path pattern in which {@code {agent}} stands for the agent's index (e.g.
 * {@code rewards/agent-{agent}.json}). Reward files are read only when an agent's reward is needed,
 * so a cluster node reads (and needs) only its own agents' files. Our choice: a provider of its own
 * rather than optional parameters of {@code file}, so each keeps strictly required parameters.
 */
public final class SplitMdpFilesProvider implements EnvironmentProvider {

  /** The placeholder of the agent index in {@code rewards}. */
  public static final String AGENT = "{agent}";

  @Override
  public String name() {
    return "files";
  }

  @Override
  public String description() {
    return "a fednpg-mdp/1 kernel file plus one reward file per agent, read on demand";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.required(
            "kernel",
            ParameterType.PATH,
            "a fednpg-mdp/1 file whose kernel, gamma and initial are used (rewards may be"
                + " omitted)"),
        ParameterSpec.required(
            "rewards",
            ParameterType.PATH,
            "path pattern of the per-agent reward files, {agent} = agent index, e.g."
                + " rewards/agent-{agent}.json"),
        ParameterSpec.required("agents", ParameterType.INTEGER, "number of agents N >= 1"));
  }

  @Override
  public Environment create(Parameters parameters, EnvironmentContext context) {
    int agents = parameters.intInRange("agents", 1, Integer.MAX_VALUE);
    String pattern = parameters.getString("rewards");
    if (!pattern.contains(AGENT)) {
      throw new InvalidInputException(
          parameters.owner()
              + ": parameter 'rewards' = '"
              + pattern
              + "' must contain "
              + AGENT
              + " (the agent's index)");
    }
    Path kernelFile = parameters.getPath("kernel");
    MultiTaskMdp kernelOnly = MdpFiles.readKernel(kernelFile, agents);
    Path base = parameters.baseDirectory();
    IntFunction<RewardTable> reward =
        n ->
            MdpFiles.readReward(
                base.resolve(rewardFile(pattern, n)).normalize(),
                kernelOnly.states(),
                kernelOnly.actions());
    // the spec's own (relative) texts: the same on every node, whatever its folder (our choice)
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("kernel", parameters.getString("kernel"));
    info.put("rewards", pattern);
    return new SplitFiles(kernelOnly, reward, info, kernelFile, pattern);
  }

  /** The reward file of agent {@code agent}: {@code pattern} with {@value #AGENT} replaced. */
  public static String rewardFile(String pattern, int agent) {
    return pattern.replace(AGENT, Integer.toString(agent));
  }

  /** A kernel file plus per-agent reward files, read lazily. */
  private static final class SplitFiles extends TabularEnvironment {
    SplitFiles(
        MultiTaskMdp kernelOnly,
        IntFunction<RewardTable> reward,
        Map<String, Object> info,
        Path kernelFile,
        String pattern) {
      super(
          kernelOnly,
          () -> {
            List<RewardTable> all = new ArrayList<>(kernelOnly.agents());
            for (int n = 0; n < kernelOnly.agents(); n++) {
              all.add(reward.apply(n));
            }
            return MultiTaskMdp.of(
                kernelOnly.name(),
                kernelOnly.kernel(),
                kernelOnly.gamma(),
                kernelOnly.initialCopy(),
                all);
          },
          reward,
          m ->
              EnvironmentDescriptions.summary(m)
                  + "kernel read from "
                  + kernelFile
                  + ", rewards from "
                  + pattern
                  + "\n",
          info);
    }
  }
}
