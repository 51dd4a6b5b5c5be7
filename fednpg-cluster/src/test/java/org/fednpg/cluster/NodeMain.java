package org.fednpg.cluster;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.fednpg.core.plugin.Plugins;

/**
 * What {@code fednpg node --host H --port P --seed-nodes S1,S2 [--tls DIR] [--data DIR]} will do,
 * for tests that start real separate node processes: {@code java NodeMain HOST PORT SEED,...
 * [TLS-DIR|-] [DATA-DIR|-]}; exits with the node's status.
 */
public final class NodeMain {

  private NodeMain() {}

  public static void main(String[] args) throws InterruptedException {
    List<String> seeds = args.length > 2 ? Arrays.asList(args[2].split(",")) : List.of();
    Path tls = args.length > 3 && !args[3].equals("-") ? Path.of(args[3]) : null;
    Path data = args.length > 4 && !args[4].equals("-") ? Path.of(args[4]) : null;
    ClusterNode node =
        ClusterNode.start(
            Plugins.registry(),
            args[0],
            Integer.parseInt(args[1]),
            seeds,
            new ClusterNode.Guard(tls, data, ClusterNode.Guard.DEFAULT_MAX_FILE_BYTES));
    Runtime.getRuntime().addShutdownHook(new Thread(node::close));
    System.exit(node.awaitExit());
  }
}
