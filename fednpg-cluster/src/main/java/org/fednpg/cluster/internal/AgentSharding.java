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
 * The sharded entity type of agents. Entity ids are {@code runId~n}. By default (our choice, issue
 * 19's throughput) the submitter places the N agents in B contiguous blocks, one per agent node
 * (run id {@code base#B/N}, see {@link #placed}): agent n lives in shard {@code b<⌊nB/N⌋>}, so ring
 * neighbours share a node and most tables never leave their JVM. When a node pins agents ({@code
 * --agents}), every agent gets its own shard {@code n mod shards} instead, so that each can go
 * where it is pinned. Only nodes with role {@link #ROLE} host agents; other members (a submitting
 * client) get a proxy. Shards are allocated by {@link AgentPlacement}: agents pinned to nodes by
 * {@code --agents} go there, the others (and blocks) to the node with fewest shards.
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

  /**
   * The run (generation) id carrying its placement: {@code id#B/N} places the N agents in B
   * contiguous blocks (B ≥ 1), {@code id#} gives every agent its own shard; a trailing {@code !}
   * ({@code fresh}) makes the shard ids unique to this generation, so that a restart after a lost
   * node never waits for the coordinator to free the lost node's shards.
   *
   * @param blocks B, or 0 for one shard per agent
   */
  public static String placed(String id, int blocks, int agents, boolean fresh) {
    if (blocks < 0 || blocks > 0 && agents < 1) {
      throw new IllegalArgumentException(blocks + " blocks of " + agents + " agents");
    }
    return id + "#" + (blocks > 0 ? blocks + "/" + agents : "") + (fresh ? "!" : "");
  }

  /** The shard of agent {@code agent} of run {@code runId} (see {@link #placed}). */
  static String shardOf(String runId, int agent, int shards) {
    int hash = runId.lastIndexOf('#');
    if (hash < 0) {
      return Integer.toString(agent % shards);
    }
    String spec = runId.substring(hash + 1);
    boolean fresh = spec.endsWith("!");
    if (fresh) {
      spec = spec.substring(0, spec.length() - 1);
    }
    String base;
    if (spec.isEmpty()) {
      base = Integer.toString(agent % shards);
    } else {
      int slash = spec.indexOf('/');
      long blocks = Long.parseLong(spec.substring(0, slash));
      long agents = Long.parseLong(spec.substring(slash + 1));
      base = BLOCK_PREFIX + (agent * blocks / agents);
    }
    return fresh
        ? FRESH_PREFIX + Integer.toHexString(runId.substring(0, hash).hashCode()) + "-" + base
        : base;
  }

  /** The agent a shard id pins (its index), or -1 for a block of agents (see {@link #shardOf}). */
  static int pinnedAgentOf(String shardId) {
    String base =
        shardId.startsWith(FRESH_PREFIX) ? shardId.substring(shardId.indexOf('-') + 1) : shardId;
    return base.startsWith(BLOCK_PREFIX) ? -1 : Integer.parseInt(base);
  }

  /** The block index k of a block's shard id ({@code b<k>}, maybe fresh), or -1 for an agent's. */
  static int blockOf(String shardId) {
    String base =
        shardId.startsWith(FRESH_PREFIX) ? shardId.substring(shardId.indexOf('-') + 1) : shardId;
    return base.startsWith(BLOCK_PREFIX) ? Integer.parseInt(base.substring(1)) : -1;
  }

  /** Prefix of the shard ids of blocks. */
  static final String BLOCK_PREFIX = "b";

  /** Prefix of the shard ids unique to one generation of a run. */
  static final String FRESH_PREFIX = "g";

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
      return shardOf(runOf(entityId), agentOf(entityId), shards);
    }

    @Override
    public AgentCommand unwrapMessage(ShardingEnvelope<AgentCommand> envelope) {
      return envelope.message();
    }
  }
}
