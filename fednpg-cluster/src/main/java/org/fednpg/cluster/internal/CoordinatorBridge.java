package org.fednpg.cluster.internal;

import java.util.concurrent.BlockingQueue;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.fednpg.cluster.internal.AgentCommand.PieceStored;
import org.fednpg.cluster.internal.AgentCommand.RestoreChunk;
import org.fednpg.cluster.internal.CoordinatorEvent.CheckpointComplete;
import org.fednpg.cluster.internal.CoordinatorEvent.MemberChange;
import org.fednpg.cluster.internal.CoordinatorEvent.SnapshotRequest;
import org.fednpg.cluster.internal.CoordinatorEvent.StateChunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The actor side of a run's coordinator: it only forwards agents' reports and membership losses
 * into a queue. The run's own thread drains the queue, computes the metrics rows and feeds the
 * listener, so listeners are called on the caller's thread as with the in-process runtime.
 */
public final class CoordinatorBridge {

  private static final Logger LOG = LoggerFactory.getLogger(CoordinatorBridge.class);

  private CoordinatorBridge() {}

  /**
   * A bridge that puts every event into {@code queue}, except the pieces of the agents'
   * checkpoints: those go straight to {@code checkpoints} (on disk, so they never pile up in the
   * queue while the run's thread computes metrics), and only a checkpoint's completion is queued.
   */
  public static Behavior<CoordinatorEvent> create(
      BlockingQueue<CoordinatorEvent> queue, CheckpointStore checkpoints) {
    return Behaviors.setup(
        ctx -> {
          ActorRef<ClusterEvent.MemberEvent> members =
              ctx.messageAdapter(
                  ClusterEvent.MemberEvent.class,
                  e ->
                      new MemberChange(
                          hostPort(e.member().address()),
                          e.getClass().getSimpleName(),
                          e.member().hasRole(AgentSharding.ROLE)));
          ActorRef<ClusterEvent.ReachabilityEvent> reach =
              ctx.messageAdapter(
                  ClusterEvent.ReachabilityEvent.class,
                  e ->
                      new MemberChange(
                          hostPort(e.member().address()),
                          e.getClass().getSimpleName(),
                          e.member().hasRole(AgentSharding.ROLE)));
          Cluster cluster = Cluster.get(ctx.getSystem());
          cluster.subscriptions().tell(Subscribe.create(members, ClusterEvent.MemberEvent.class));
          cluster
              .subscriptions()
              .tell(Subscribe.create(reach, ClusterEvent.ReachabilityEvent.class));
          return Behaviors.receive(CoordinatorEvent.class)
              .onAnyMessage(
                  e -> {
                    if (e instanceof CoordinatorEvent.Close) {
                      return Behaviors.stopped();
                    }
                    if (e instanceof StateChunk c) {
                      checkpoints.accept(c).ifPresent(t -> queue.add(new CheckpointComplete(t)));
                      c.replyTo().tell(new PieceStored(c.runId(), c.iteration(), c.index()));
                    } else if (e instanceof SnapshotRequest r) {
                      answer(r, checkpoints);
                    } else {
                      queue.add(e);
                    }
                    return Behaviors.same();
                  })
              .build();
        });
  }

  /** Sends piece {@code r.index()} of the agent's snapshot in the checkpoint it names. */
  private static void answer(SnapshotRequest r, CheckpointStore checkpoints) {
    byte[] piece;
    try {
      piece = checkpoints.piece(r.agent(), r.iteration(), r.index());
    } catch (RuntimeException e) {
      // the agent then stalls and the run's timeout names it; the cause is logged here
      LOG.error("cannot answer agent {}'s request for snapshot piece {}", r.agent(), r.index(), e);
      return;
    }
    r.replyTo().tell(new RestoreChunk(r.runId(), r.index(), piece));
  }

  /** host:port of a cluster address. */
  public static String hostPort(Address a) {
    return a.getHost().orElse("?") + ":" + a.getPort().map(String::valueOf).orElse("?");
  }

  /** Whether a membership event means the member is gone for this run. */
  public static boolean isLoss(MemberChange c) {
    return switch (c.what()) {
      case "UnreachableMember", "MemberLeft", "MemberExited", "MemberDowned", "MemberRemoved" ->
          true;
      default -> false;
    };
  }
}
