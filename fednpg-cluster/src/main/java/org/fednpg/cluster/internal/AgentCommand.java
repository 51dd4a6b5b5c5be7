package org.fednpg.cluster.internal;

import org.apache.pekko.actor.typed.ActorRef;
import org.fednpg.core.run.AssembledRun;

/** Messages an agent entity handles. */
public sealed interface AgentCommand
    permits AgentCommand.StartAgent,
        AgentCommand.Exchange,
        AgentCommand.Ack,
        AgentCommand.StopAgent,
        AgentCommand.RetryTick,
        AgentCommand.AckTick,
        AgentCommand.DelayedSend,
        AgentCommand.Assembled,
        AgentCommand.RestoreChunk,
        AgentCommand.PieceStored {

  /**
   * Builds the agent from the run's spec on the entity's node and starts iteration {@code
   * startIteration}: 0 after {@code initialize()}, or, after a recovery, the iteration of the
   * coordinated checkpoint whose {@link AgentSnapshot} follows in {@code stateChunks} {@link
   * RestoreChunk}s.
   *
   * @param runId the run
   * @param agent agent index n
   * @param spec what the node assembles the run from
   * @param iterations T
   * @param metricsEvery report the policy every k iterations (and at 0 and T)
   * @param faults injected link faults
   * @param countWire whether to measure serialised sizes (for the {@code wire} counting mode)
   * @param fingerprint the submitter's {@link RunFingerprint}
   * @param coordinator where reports go
   * @param checkpointEvery send a snapshot to the coordinator after every k-th iteration (0: never)
   * @param startIteration the iteration to start from (0, or a checkpoint's)
   * @param stateChunks pieces of the snapshot that follow (0 when starting from iteration 0)
   */
  record StartAgent(
      String runId,
      int agent,
      RunSpec spec,
      int iterations,
      int metricsEvery,
      LinkFaults faults,
      boolean countWire,
      String fingerprint,
      ActorRef<CoordinatorEvent> coordinator,
      int checkpointEvery,
      long startIteration,
      int stateChunks)
      implements AgentCommand, ClusterMessage {}

  /**
   * One piece of the {@link AgentSnapshot} a restarted agent continues from (pieces arrive in
   * order, after its {@link StartAgent}).
   *
   * @param runId the run (generation) id
   * @param index this piece, 0-based
   * @param data the bytes
   */
  record RestoreChunk(String runId, int index, byte[] data)
      implements AgentCommand, ClusterMessage {}

  /**
   * The coordinator has taken piece {@code index} of this agent's snapshot of {@code iteration};
   * the agent sends the next one.
   *
   * @param runId the run (generation) id
   * @param iteration the checkpoint's iteration
   * @param index the piece taken
   */
  record PieceStored(String runId, long iteration, int index)
      implements AgentCommand, ClusterMessage {}

  /**
   * Agent {@code from}'s table for exchange {@code exchange} of iteration {@code iteration}, with a
   * piggybacked acknowledgement of the receiver's tables (as in {@link Ack}).
   *
   * @param runId the run
   * @param from sender index
   * @param iteration t
   * @param exchange k
   * @param table the table {@code AgentProcess.send(t, k)} returned
   * @param ackBelow the sender holds (or has used) every table the receiver sent it for rounds
   *     below this one (round = t · exchanges + k)
   * @param ackHeld further rounds whose table from the receiver the sender holds
   * @param replyTo the sender entity's own actor path (serialisation format), so the receiver can
   *     reach it directly instead of through the shard regions; empty when unknown
   */
  record Exchange(
      String runId,
      int from,
      long iteration,
      int exchange,
      double[] table,
      long ackBelow,
      long[] ackHeld,
      String replyTo)
      implements AgentCommand, ClusterMessage {}

  /**
   * Agent {@code from} holds (or has used) the receiver's tables of every round below {@code below}
   * and of the rounds in {@code held} (round = t · exchanges + k). Cumulative, so one Ack covers
   * every table the receiver sent it so far; sent only when no table to the receiver is about to
   * carry the same news (see {@link AgentEntity}).
   *
   * @param runId the run
   * @param from the acknowledging agent
   * @param below every round below this one is acknowledged
   * @param held further acknowledged rounds
   * @param replyTo the acknowledging entity's actor path, as in {@link Exchange}
   */
  record Ack(String runId, int from, long below, long[] held, String replyTo)
      implements AgentCommand, ClusterMessage {}

  /**
   * The run is over (finished or aborted): release everything.
   *
   * @param runId the run
   */
  record StopAgent(String runId) implements AgentCommand, ClusterMessage {}

  /** Local timer: retransmit unacknowledged tables. */
  record RetryTick() implements AgentCommand {}

  /** Local timer: send the acknowledgements still owed (none rode on a table in time). */
  record AckTick() implements AgentCommand {}

  /**
   * Local timer: a delayed transmission is due.
   *
   * @param to receiving agent
   * @param message what to send
   */
  record DelayedSend(int to, AgentCommand message) implements AgentCommand {}

  /**
   * Local: the node finished (or failed) assembling the run of a {@link StartAgent}.
   *
   * @param run the assembled run, or null on failure
   * @param failure why it failed, or null
   */
  record Assembled(AssembledRun run, Throwable failure) implements AgentCommand {}
}
