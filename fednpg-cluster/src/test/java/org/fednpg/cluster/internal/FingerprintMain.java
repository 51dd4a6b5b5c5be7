package org.fednpg.cluster.internal;

import java.nio.file.Path;
import java.util.List;
import org.fednpg.core.plugin.PluginPath;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.run.AssembledRun;
import org.fednpg.core.run.ComponentSpec;
import org.fednpg.core.run.RunAssembler;
import org.fednpg.core.run.RunRequest;

/**
 * {@code java FingerprintMain PLUGIN.jar ENV_TYPE}: builds a run on the plugin environment {@code
 * ENV_TYPE} from the jar, as a cluster node would, and prints its fingerprint.
 */
public final class FingerprintMain {

  private FingerprintMain() {}

  public static void main(String[] args) {
    PluginPath plugins = PluginPath.of(List.of(Path.of(args[0])), List.of());
    AssembledRun run =
        new RunAssembler(Plugins.registry(plugins))
            .assemble(
                new RunRequest(
                    3,
                    null,
                    ComponentSpec.of(args[1]),
                    ComponentSpec.of("ring"),
                    null,
                    ComponentSpec.of("fednpg", "eta", 0.1),
                    Path.of(".")));
    System.out.print(RunFingerprint.of(run));
  }
}
