package org.fednpg.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fast variant (default suite) of {@link BoundedNodeMemoryIT}: three node JVMs capped at a heap
 * the whole run's agents do not fit in (GridWorld K = 200, N = 48: ≥ 146 MiB of agent tables; cap
 * 128 MiB per node), two iterations, values equal to in-process.
 */
class BoundedNodeMemoryTest {

  @Test
  @Timeout(300)
  void threeCappedNodeProcessesRunWhatNoneCouldHoldWhole() throws Exception {
    BoundedNodeMemory.check(150, 96, 2, 1, 160, 256);
  }
}
