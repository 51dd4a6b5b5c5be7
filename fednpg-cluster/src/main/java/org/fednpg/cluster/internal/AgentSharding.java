package org.fednpg.cluster.internal;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * The sharded entity type of agents. Entity ids are {@code runId~n}; agent n lives in shard {@code
 * n mod shards}, so the least-shard allocation spreads consecutive agents over the nodes. Only
 * nodes with role {@link #ROLE} host agents; other members (a submitting client) get a proxy.
 * Shards are allocated by {@link AgentPlacement}: agents pinned to nodes by {@code --agents} go
 * there, the others to the node with fewest shards.
 */
public final class AgentSharding {

  /** Cluster role of nodes that host agents. */
  public static final String ROLE = "agent";

  /** The entity type. */
  public static final EntityTypeKey<AgentCommand> KEY =
      EntityTypeKey.create(AgentCommand.class, "fednpg-agent");

  private static final String DISPATCHER = "fednpg.agent-dispatcher";

  private AgentSharding() {}

  /** Starts the shard region (host != null) or a proxy (host == null) on {@code system}. */
  public static void init(ActorSystem<?> system, AgentHost host) {
    int shards = system.settings().config().getInt("pekko.cluster.sharding.number-of-shards");
    ClusterSharding.get(system)
        .init(
            Entity.of(
                    KEY,
                    ctx ->
                        host == null
                            ? Behaviors.<AgentCommand>stopped()
                            : AgentEntity.create(ctx.getEntityId(), host))
                .withRole(ROLE)
                .withMessageExtractor(new Extractor(shards))
                .withAllocationStrategy(new AgentPlacement())
                .withEntityProps(DispatcherSelector.fromConfig(DISPATCHER)));
  }

  /** The reference to agent {@code agent} of run {@code runId}. */
  public static EntityRef<AgentCommand> ref(ActorSystem<?> system, String runId, int agent) {
    return ClusterSharding.get(system).entityRefFor(KEY, entityId(runId, agent));
  }

  /** {@code runId~agent}. */
  public static String entityId(String runId, int agent) {
    return runId + "~" + agent;
  }

  /** The agent index of an entity id. */
  public static int agentOf(String entityId) {
    return Integer.parseInt(entityId.substring(entityId.lastIndexOf('~') + 1));
  }

  /** The run id of an entity id. */
  public static String runOf(String entityId) {
    return entityId.substring(0, entityId.lastIndexOf('~'));
  }

  private static final class Extractor
      extends ShardingMessageExtractor<ShardingEnvelope<AgentCommand>, AgentCommand> {
    private final int shards;

    Extractor(int shards) {
      this.shards = shards;
    }

    @Override
    public String entityId(ShardingEnvelope<AgentCommand> envelope) {
      return envelope.entityId();
    }

    @Override
    public String shardId(String entityId) {
      return Integer.toString(agentOf(entityId) % shards);
    }

    @Override
    public AgentCommand unwrapMessage(ShardingEnvelope<AgentCommand> envelope) {
      return envelope.message();
    }
  }
}
