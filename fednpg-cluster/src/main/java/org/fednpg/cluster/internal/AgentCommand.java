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
        AgentCommand.DelayedSend,
        AgentCommand.Assembled {

  /**
   * Builds the agent from the run's spec on the entity's node and starts iteration 0.
   *
   * @param runId the run
   * @param agent agent index n
   * @param spec what the node assembles the run from
   * @param iterations T
   * @param metricsEvery report the policy every k iterations (and at 0 and T)
   * @param faults injected link faults
   * @param countWire whether to measure serialised sizes (for the {@code wire} counting mode)
   * @param coordinator where reports go
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
      ActorRef<CoordinatorEvent> coordinator)
      implements AgentCommand, ClusterMessage {}

  /**
   * Agent {@code from}'s table for exchange {@code exchange} of iteration {@code iteration}.
   *
   * @param runId the run
   * @param from sender index
   * @param iteration t
   * @param exchange k
   * @param table the table {@code AgentProcess.send(t, k)} returned
   */
  record Exchange(String runId, int from, long iteration, int exchange, double[] table)
      implements AgentCommand, ClusterMessage {}

  /**
   * Agent {@code from} holds the sender's table for (iteration, exchange).
   *
   * @param runId the run
   * @param from the acknowledging agent
   * @param iteration t
   * @param exchange k
   */
  record Ack(String runId, int from, long iteration, int exchange)
      implements AgentCommand, ClusterMessage {}

  /**
   * The run is over (finished or aborted): release everything.
   *
   * @param runId the run
   */
  record StopAgent(String runId) implements AgentCommand, ClusterMessage {}

  /** Local timer: retransmit unacknowledged tables. */
  record RetryTick() implements AgentCommand {}

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
