package org.fednpg.cluster;

import org.fednpg.core.runtime.RunOptions;

/**
 * The whole run in one JVM, for heap-cap comparisons: {@code java InProcessMain K N ITERATIONS
 * METRICS-EVERY} runs {@link ClusterTestRuns#gridWorld} with the in-process runtime and exits 0.
 */
public final class InProcessMain {

  private InProcessMain() {}

  public static void main(String[] args) {
    ClusterTestRuns.inProcess(
        ClusterTestRuns.gridWorld(Integer.parseInt(args[0]), Integer.parseInt(args[1])),
        new RunOptions(Integer.parseInt(args[2]), Integer.parseInt(args[3]), 1));
    System.exit(0);
  }
}
