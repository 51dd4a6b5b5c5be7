package org.fednpg.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fast variant (default suite) of {@link BoundedNodeMemoryIT}: three node JVMs capped at 256
 * MiB each, a heap the whole run does not fit in (GridWorld K = 150, N = 72: the same run in one
 * JVM of 256 MiB dies of OutOfMemoryError), one iteration, values equal to in-process. About two
 * minutes of wall time here (five JVMs on two shared cores), most of it JVM start and cluster
 * formation.
 */
class BoundedNodeMemoryTest {

  @Test
  @Timeout(300)
  void threeCappedNodeProcessesRunWhatNoneCouldHoldWhole() throws Exception {
    BoundedNodeMemory.check(150, 72, 1, 1, 256, 512);
  }
}
