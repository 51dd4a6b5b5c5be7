package org.fednpg.cluster;

import java.util.Arrays;
import java.util.List;

/**
 * What {@code fednpg node --host H --port P --seed-nodes S1,S2} will do, for tests that start
 * real separate node processes: {@code java NodeMain HOST PORT [SEED,...]}.
 */
public final class NodeMain {

  private NodeMain() {}

  public static void main(String[] args) throws InterruptedException {
    List<String> seeds = args.length > 2 ? Arrays.asList(args[2].split(",")) : List.of();
    ClusterNode node = ClusterNode.start(args[0], Integer.parseInt(args[1]), seeds);
    Runtime.getRuntime().addShutdownHook(new Thread(node::close));
    node.awaitTermination();
  }
}
