package org.fednpg.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 19's memory target (slow profile): the paper GridWorld K = 100, N = 240 (metrics at the end
 * only, 20 iterations) on three node JVMs with {@code -Xmx300m} each and a submitter JVM with
 * {@code -Xmx300m}; values equal to in-process within 1e-12. The whole run's agents alone need ≥
 * 366 MiB on a node that builds all of them. The README's scale-out table quotes its log line.
 */
class BoundedNodeMemoryIT {

  @Test
  @Timeout(1800)
  void paperGridWorldOnThreeNodesOf300Mb() throws Exception {
    BoundedNodeMemory.check(100, 240, 20, 20, 300, 300);
  }
}
