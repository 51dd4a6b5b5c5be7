package org.fednpg.core.runtime;

import java.util.function.Consumer;

/**
 * When and where a run saves checkpoints, and the checkpoint it resumes from.
 *
 * @param every save after every k-th iteration (0: never)
 * @param sink receives each checkpoint (e.g. writes it atomically)
 * @param resumeFrom continue from this checkpoint instead of starting at iteration 0, or null
 */
public record CheckpointPolicy(int every, Consumer<Checkpoint> sink, Checkpoint resumeFrom) {

  /** No checkpoints, fresh start. */
  public static final CheckpointPolicy NONE = new CheckpointPolicy(0, null, null);

  public CheckpointPolicy {
    if (every < 0) {
      throw new IllegalArgumentException("checkpoint interval must be >= 0, got " + every);
    }
    if (every > 0 && sink == null) {
      throw new IllegalArgumentException("checkpoints need a sink");
    }
  }
}
