package org.fednpg.cluster.internal;

import org.apache.pekko.actor.typed.ActorRef;

/** What agents (and the cluster membership) tell a run's coordinator. */
public sealed interface CoordinatorEvent
    permits CoordinatorEvent.AgentReport,
        CoordinatorEvent.AgentFinished,
        CoordinatorEvent.AgentFailed,
        CoordinatorEvent.MemberChange,
        CoordinatorEvent.StateChunk,
        CoordinatorEvent.SnapshotRequest,
        CoordinatorEvent.CheckpointComplete,
        CoordinatorEvent.Close {

  /**
   * Agent {@code agent} completed {@code iteration} iterations. Rewards never appear here: only the
   * policy (on metrics iterations) and counters.
   *
   * @param runId the run
   * @param agent agent index
   * @param node the node hosting the agent (host:port)
   * @param iteration completed iterations t (0 after initialisation)
   * @param logPolicy the normalised log-policy table on metrics iterations, else null
   * @param samples simulated transitions used so far
   * @param counters cumulative link counters of this agent
   * @param tracker an honest agent's tracking table T_n on metrics iterations of a run with an
   *     adversary block (for {@code honest_tracking_drift}), else null
   * @param q that agent's local Q table q_n with {@code tracker}, else null
   */
  record AgentReport(
      String runId,
      int agent,
      String node,
      long iteration,
      double[] logPolicy,
      long samples,
      LinkCounters counters,
      double[] tracker,
      double[] q)
      implements CoordinatorEvent, ClusterMessage {}

  /**
   * Agent finished its last iteration and all its tables were acknowledged.
   *
   * @param runId the run
   * @param agent agent index
   */
  record AgentFinished(String runId, int agent) implements CoordinatorEvent, ClusterMessage {}

  /**
   * Agent cannot continue.
   *
   * @param runId the run
   * @param agent agent index
   * @param node its node (host:port)
   * @param iteration completed iterations when it failed
   * @param reason one line
   * @param nodeLeaving whether the agent stopped because its node is leaving or shutting down (a
   *     lost node, which a recovery survives) rather than failing on its own (which ends the run)
   */
  record AgentFailed(
      String runId, int agent, String node, long iteration, String reason, boolean nodeLeaving)
      implements CoordinatorEvent, ClusterMessage {}

  /**
   * A cluster member became unreachable or left (local only, from the membership subscription).
   *
   * @param node host:port of the member
   * @param what what happened
   * @param agentNode whether the member hosts agents (has the agent role)
   */
  record MemberChange(String node, String what, boolean agentNode) implements CoordinatorEvent {}

  /**
   * One piece of an agent's {@link AgentSnapshot} for the run's coordinated checkpoint of {@code
   * iteration} (pieces of one snapshot arrive in order).
   *
   * @param runId the run (generation) id
   * @param agent agent index
   * @param iteration the checkpoint's iteration
   * @param index this piece, 0-based
   * @param count pieces of this snapshot
   * @param data the bytes
   * @param replyTo the agent entity, which gets a {@link AgentCommand.PieceStored} before it sends
   *     the next piece (one piece in flight per agent, so a checkpoint never floods a link)
   */
  record StateChunk(
      String runId,
      int agent,
      long iteration,
      int index,
      int count,
      byte[] data,
      ActorRef<AgentCommand> replyTo)
      implements CoordinatorEvent, ClusterMessage {}

  /**
   * A restarted agent asks for piece {@code index} of its snapshot in the latest checkpoint (one
   * piece at a time, so a recovery never floods the links); the coordinator answers with a {@link
   * AgentCommand.RestoreChunk} to {@code replyTo}.
   *
   * @param runId the run (generation) id
   * @param agent agent index
   * @param iteration the checkpoint's iteration
   * @param index the piece wanted, 0-based
   * @param replyTo the agent entity
   */
  record SnapshotRequest(
      String runId, int agent, long iteration, int index, ActorRef<AgentCommand> replyTo)
      implements CoordinatorEvent, ClusterMessage {}

  /**
   * Local: every agent's snapshot of {@code iteration} is on the submitter's disk.
   *
   * @param iteration the checkpoint's iteration
   */
  record CheckpointComplete(long iteration) implements CoordinatorEvent {}

  /** Local: the run is over; the bridge stops (agents that watch it then stop too). */
  record Close() implements CoordinatorEvent {}
}
