package org.fednpg.cluster.internal;

import java.util.concurrent.BlockingQueue;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.fednpg.cluster.internal.CoordinatorEvent.MemberChange;

/**
 * The actor side of a run's coordinator: it only forwards agents' reports and membership losses
 * into a queue. The run's own thread drains the queue, computes the metrics rows and feeds the
 * listener, so listeners are called on the caller's thread as with the in-process runtime.
 */
public final class CoordinatorBridge {

  private CoordinatorBridge() {}

  /** A bridge that puts every event into {@code queue}. */
  public static Behavior<CoordinatorEvent> create(BlockingQueue<CoordinatorEvent> queue) {
    return Behaviors.setup(
        ctx -> {
          ActorRef<ClusterEvent.MemberEvent> members =
              ctx.messageAdapter(
                  ClusterEvent.MemberEvent.class,
                  e ->
                      new MemberChange(
                          hostPort(e.member().address()), e.getClass().getSimpleName()));
          ActorRef<ClusterEvent.ReachabilityEvent> reach =
              ctx.messageAdapter(
                  ClusterEvent.ReachabilityEvent.class,
                  e ->
                      new MemberChange(
                          hostPort(e.member().address()), e.getClass().getSimpleName()));
          Cluster cluster = Cluster.get(ctx.getSystem());
          cluster.subscriptions().tell(Subscribe.create(members, ClusterEvent.MemberEvent.class));
          cluster
              .subscriptions()
              .tell(Subscribe.create(reach, ClusterEvent.ReachabilityEvent.class));
          return Behaviors.receive(CoordinatorEvent.class)
              .onAnyMessage(
                  e -> {
                    queue.add(e);
                    return Behaviors.same();
                  })
              .build();
        });
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
