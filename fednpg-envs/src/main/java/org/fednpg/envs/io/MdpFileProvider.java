package org.fednpg.envs.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Provider {@code file}: an MDP read from a {@code fednpg-mdp/1} JSON file (SPEC §7, see {@link
 * MdpFiles}); the number of agents is the number of reward tables in the file.
 *
 * <p>Or, with {@code kernel}, {@code rewards} and {@code agents} instead of {@code path} (issue
 * 19): the shared kernel from one file and each agent's reward from its own file, {@code rewards}
 * being a path pattern in which {@code {agent}} stands for the agent's index (e.g. {@code
 * rewards/agent-{agent}.json}, see {@link MdpFiles#readReward}). Reward files are read only when an
 * agent's reward is needed, so a cluster node reads (and needs) only its own agents' files.
 */
public final class MdpFileProvider implements EnvironmentProvider {

  /** The placeholder of the agent index in {@code rewards}. */
  public static final String AGENT = "{agent}";

  @Override
  public String name() {
    return "file";
  }

  @Override
  public String description() {
    return "an MDP from a fednpg-mdp/1 JSON file (one reward table per agent), or a kernel file"
        + " plus one reward file per agent";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.optional(
            "path",
            ParameterType.PATH,
            null,
            "the fednpg-mdp/1 JSON file; relative to the spec's folder (or give kernel, rewards"
                + " and agents)"),
        ParameterSpec.optional(
            "kernel",
            ParameterType.PATH,
            null,
            "a fednpg-mdp/1 file whose kernel, gamma and initial are used (rewards may be"
                + " omitted)"),
        ParameterSpec.optional(
            "rewards",
            ParameterType.PATH,
            null,
            "path pattern of the per-agent reward files, {agent} = agent index, e.g."
                + " rewards/agent-{agent}.json"),
        ParameterSpec.optional(
            "agents", ParameterType.INTEGER, null, "number of agents N (with kernel and rewards)"));
  }

  @Override
  public Environment create(Parameters parameters, EnvironmentContext context) {
    boolean whole = parameters.findString("path").isPresent();
    boolean split =
        parameters.findString("kernel").isPresent()
            || parameters.findString("rewards").isPresent()
            || parameters.asMap().get("agents") != null;
    if (whole == split) {
      throw new InvalidInputException(
          parameters.owner()
              + ": give either 'path' (one file) or 'kernel', 'rewards' and 'agents' (a kernel"
              + " file and one reward file per agent)");
    }
    if (whole) {
      Path path = parameters.getPath("path");
      MultiTaskMdp mdp = MdpFiles.read(path);
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("file", path.toString());
      return new TabularEnvironment(
          mdp, EnvironmentDescriptions.summary(mdp) + "read from " + path + "\n", info);
    }
    for (String key : List.of("kernel", "rewards")) {
      if (parameters.findString(key).isEmpty()) {
        throw new InvalidInputException(
            parameters.owner() + ": parameter '" + key + "' is required with a kernel file");
      }
    }
    if (parameters.asMap().get("agents") == null) {
      throw new InvalidInputException(
          parameters.owner() + ": parameter 'agents' is required with a kernel file");
    }
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
    java.util.function.IntFunction<RewardTable> reward =
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
        java.util.function.IntFunction<RewardTable> reward,
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
