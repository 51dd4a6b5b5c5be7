package org.fednpg.envs.io;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.Environment;
import org.fednpg.api.EnvironmentContext;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.envs.EnvironmentDescriptions;
import org.fednpg.envs.TabularEnvironment;

/**
 * Provider {@code file}: an MDP read from a {@code fednpg-mdp/1} JSON file (SPEC §7, see {@link
 * MdpFiles}); the number of agents is the number of reward tables in the file.
 */
public final class MdpFileProvider implements EnvironmentProvider {

  @Override
  public String name() {
    return "file";
  }

  @Override
  public String description() {
    return "an MDP from a fednpg-mdp/1 JSON file (one reward table per agent)";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.required(
            "path",
            ParameterType.PATH,
            "the fednpg-mdp/1 JSON file; relative to the spec's folder"));
  }

  @Override
  public Environment create(Parameters parameters, EnvironmentContext context) {
    Path path = parameters.getPath("path");
    MultiTaskMdp mdp = MdpFiles.read(path);
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("file", path.toString());
    return new TabularEnvironment(
        mdp, EnvironmentDescriptions.summary(mdp) + "read from " + path + "\n", info);
  }
}
