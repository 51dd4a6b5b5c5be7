package org.fednpg.cluster.internal;

/** What agents (and the cluster membership) tell a run's coordinator. */
public sealed interface CoordinatorEvent
    permits CoordinatorEvent.AgentReport,
        CoordinatorEvent.AgentFinished,
        CoordinatorEvent.AgentFailed,
        CoordinatorEvent.MemberChange {

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
   */
  record AgentFailed(String runId, int agent, String node, long iteration, String reason)
      implements CoordinatorEvent, ClusterMessage {}

  /**
   * A cluster member became unreachable or left (local only, from the membership subscription).
   *
   * @param node host:port of the member
   * @param what what happened
   */
  record MemberChange(String node, String what) implements CoordinatorEvent {}
}
