package org.fednpg.experiments.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fednpg.cluster.ClusterNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fednpg node --port P --seed-nodes host:port,...}: a worker of a Pekko cluster. */
@Command(name = "node", mixinStandardHelpOptions = true,
    description = "Start a Pekko cluster worker that hosts agents for runs "
    + "submitted with 'fednpg run SPEC --runtime pekko --cluster HOST:PORT'. Ctrl-C leaves.")
final class NodeCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--host", description = "address to bind and be reached at (default 127.0.0.1)")
  String host = "127.0.0.1";

  @Option(names = "--port", required = true, paramLabel = "P", description = "TCP port")
  int port;

  @Option(names = "--seed-nodes", split = ",", paramLabel = "HOST:PORT",
      description = "seed nodes to join (the first node lists itself)")
  List<String> seeds = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    ClusterNode node = ClusterNode.start(host, port, seeds);
    Runtime.getRuntime().addShutdownHook(new Thread(node::close, "fednpg-node-shutdown"));
    spec.commandLine().getOut().println("fednpg node up at " + node.address()
        + (seeds.isEmpty() ? " (new cluster)" : ", joining " + String.join(",", seeds)));
    node.awaitTermination();
    return 0;
  }
}
