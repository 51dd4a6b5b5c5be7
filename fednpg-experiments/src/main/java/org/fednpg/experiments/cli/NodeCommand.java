package org.fednpg.experiments.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fednpg.api.InvalidInputException;
import org.fednpg.cluster.ClusterNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fednpg node --port P --seed-nodes host:port,...}: a worker of a Pekko cluster. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description =
        "Start a Pekko cluster worker that hosts agents for runs "
            + "submitted with 'fednpg run SPEC --runtime pekko --cluster HOST:PORT'. Ctrl-C leaves.")
final class NodeCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Mixin PluginOptions plugins;

  @Option(names = "--host", description = "address to bind and be reached at (default 127.0.0.1)")
  String host = "127.0.0.1";

  @Option(names = "--port", required = true, paramLabel = "P", description = "TCP port")
  int port;

  @Option(
      names = "--seed-nodes",
      split = ",",
      paramLabel = "HOST:PORT",
      description = "seed nodes to join (the first node lists itself)")
  List<String> seeds = new ArrayList<>();

  @Option(
      names = "--tls",
      paramLabel = "DIR",
      description =
          "mutual TLS: DIR holds node.p12, trust.p12 and a 'password' file (or set "
              + "$FEDNPG_TLS_PASSWORD); members without a trusted certificate cannot join or submit")
  Path tls;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "the only folder spec paths may point into (relative, no '..', no links "
              + "leaving it, regular files only); without it the node reads no files")
  Path data;

  @Option(
      names = "--max-file-mb",
      paramLabel = "MB",
      description = "largest file a spec may name, in MiB (default 64)")
  long maxFileMb = ClusterNode.Guard.DEFAULT_MAX_FILE_BYTES >> 20;

  @Option(
      names = "--agents",
      paramLabel = "LIST",
      description =
          "pin these agents to this node, e.g. 0-79,120 (agents count from 0): they run only here,"
              + " so their files need exist only in this node's --data; agents no node pins go to"
              + " nodes without --agents")
  String agents;

  @Override
  public Integer call() throws InterruptedException {
    if (maxFileMb < 1 || maxFileMb > (1L << 20)) {
      throw new InvalidInputException("--max-file-mb must be in [1, 1048576], got " + maxFileMb);
    }
    if (!ClusterNode.exitsOnOutOfMemory()) {
      spec.commandLine()
          .getErr()
          .println(
              "fednpg node: warning: this JVM does not exit on"
                  + " OutOfMemoryError; start it with FEDNPG_JAVA_OPTS=-XX:+ExitOnOutOfMemoryError so a"
                  + " node that runs out of memory leaves the cluster instead of staying half-alive");
    }
    // the node builds agents from this registry, plugin jars included
    ClusterNode node =
        ClusterNode.start(
            plugins.registry(),
            host,
            port,
            seeds,
            new ClusterNode.Guard(
                tls, data, maxFileMb << 20, ClusterNode.Guard.DEFAULT_ASSEMBLY_TIMEOUT, agents));
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "fednpg-node-shutdown"));
    spec.commandLine()
        .getOut()
        .println(
            "fednpg node up at "
                + node.address()
                + (seeds.isEmpty() ? " (new cluster)" : ", joining " + String.join(",", seeds))
                + (tls != null ? ", mutual TLS" : ", plain TCP (no --tls)")
                + (data != null ? ", data " + data : ", reads no files (no --data)")
                + (agents != null ? ", agents " + agents : ""));
    // 0 when stopped on purpose (Ctrl-C, SIGTERM); 3 when downed by the cluster or failed.
    return node.awaitExit();
  }
}
