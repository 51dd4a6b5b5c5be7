package org.fednpg.cluster.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import org.fednpg.api.InvalidInputException;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;

/**
 * Pins agents to nodes (issue 19, our choice: node roles). A node started with {@code --agents
 * 0-79,120} carries the cluster role {@code fednpg-agents:0-79,120}; agent n's shard (shard {@code
 * n mod number-of-shards}, i.e. n itself for N ≤ 1000) is allocated to a node that declares n (the
 * one with fewest shards when several do). Agents that no node declares go to the nodes that
 * declare nothing, else to any agent node, fewest shards first. Shards are never rebalanced (our
 * choice: a pinned agent must not move away from its data). Nodes without {@code --agents} behave
 * as before: least-shard allocation. Regions on nodes that are not up and reachable get no new
 * shard while a live one exists.
 */
public final class AgentPlacement extends ShardCoordinator.AbstractShardAllocationStrategy
    implements ShardCoordinator.ActorSystemDependentAllocationStrategy {

  /** Prefix of the role that declares a node's agents. */
  public static final String ROLE_PREFIX = "fednpg-agents:";

  private volatile Cluster cluster;

  @Override
  public void start(ActorSystem system) {
    cluster = Cluster.get(system);
  }

  /**
   * The agents a list such as {@code 0-79,120,200-239} names.
   *
   * @throws InvalidInputException naming the entry that is not an index or a range lo-hi
   */
  public static Set<Integer> parse(String list) {
    Set<Integer> out = new TreeSet<>();
    for (String part : list.split(",")) {
      String p = part.strip();
      try {
        int dash = p.indexOf('-');
        int lo = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).strip());
        int hi = dash < 0 ? lo : Integer.parseInt(p.substring(dash + 1).strip());
        if (lo < 0 || hi < lo) {
          throw new NumberFormatException();
        }
        if ((long) hi - lo > 10_000_000) {
          throw new InvalidInputException("--agents: range '" + p + "' is too long");
        }
        for (int n = lo; n <= hi; n++) {
          out.add(n);
        }
      } catch (NumberFormatException e) {
        throw new InvalidInputException(
            "--agents: '"
                + p
                + "' is not an agent index or a range lo-hi (e.g. 0-79,120); agents count from 0");
      }
    }
    return Collections.unmodifiableSet(out);
  }

  /** The role declaring {@code list} (validated). */
  public static String role(String list) {
    parse(list);
    return ROLE_PREFIX + list.replace(" ", "");
  }

  @Override
  public Future<ActorRef> allocateShard(
      ActorRef requester, String shardId, Map<ActorRef, IndexedSeq<String>> current) {
    // a block of agents (AgentSharding) is pinned nowhere
    int agent = AgentSharding.pinnedAgentOf(shardId);
    List<ActorRef> declaring = new ArrayList<>();
    List<ActorRef> undeclared = new ArrayList<>();
    List<ActorRef> regions = new ArrayList<>();
    for (ActorRef region : current.keySet()) {
      if (live(region)) {
        regions.add(region);
      }
    }
    if (regions.isEmpty()) {
      regions.addAll(current.keySet());
    }
    for (ActorRef region : regions) {
      Set<Integer> pinned = declared(region);
      if (pinned == null) {
        undeclared.add(region);
      } else if (pinned.contains(agent)) {
        declaring.add(region);
      }
    }
    List<ActorRef> pool =
        !declaring.isEmpty() ? declaring : !undeclared.isEmpty() ? undeclared : regions;
    int block = AgentSharding.blockOf(shardId);
    if (block >= 0 && !pool.isEmpty()) {
      // Block k goes to the k-th node in address order (our choice): one block per node however
      // the coordinator's counts lag behind allocations made a moment ago.
      List<ActorRef> sorted = new ArrayList<>(pool);
      sorted.sort(java.util.Comparator.comparing(r -> where(r).toString()));
      return FutureConverters.asScala(
          CompletableFuture.completedFuture(sorted.get(block % sorted.size())));
    }
    ActorRef best = null;
    for (ActorRef r : pool) {
      if (best == null
          || current.get(r).size() < current.get(best).size()
          || current.get(r).size() == current.get(best).size()
              && r.path().toString().compareTo(best.path().toString()) < 0) {
        best = r;
      }
    }
    if (best == null) {
      best = requester;
    }
    return FutureConverters.asScala(CompletableFuture.completedFuture(best));
  }

  @Override
  public Future<java.util.Set<String>> rebalance(
      Map<ActorRef, IndexedSeq<String>> current, java.util.Set<String> inProgress) {
    return FutureConverters.asScala(CompletableFuture.completedFuture(java.util.Set.of()));
  }

  /** The cluster address of the region's node. */
  private Address where(ActorRef region) {
    Address a = region.path().address();
    Cluster c = cluster;
    return a.hasGlobalScope() || c == null ? a : c.selfAddress();
  }

  /** The member hosting the region, or null when unknown (no cluster yet, or not a member). */
  private Member memberOf(ActorRef region) {
    Cluster c = cluster;
    if (c == null) {
      return null;
    }
    Address where = where(region);
    for (Member m : c.state().getMembers()) {
      if (m.address().equals(where)) {
        return m;
      }
    }
    return null;
  }

  /**
   * Whether the region's node is up and reachable (our choice: a region on a node that is lost but
   * not yet removed gets no new shard, so a restart after a lost node is placed on live nodes).
   */
  private boolean live(ActorRef region) {
    if (cluster == null) {
      return true;
    }
    Member m = memberOf(region);
    return m != null
        && m.status() == MemberStatus.up()
        && !cluster.state().getUnreachable().contains(m);
  }

  /** The agents the region's node declares, or null when it declares none. */
  private Set<Integer> declared(ActorRef region) {
    Member m = memberOf(region);
    if (m == null) {
      return null;
    }
    for (String role : m.getRoles()) {
      if (role.startsWith(ROLE_PREFIX)) {
        return parse(role.substring(ROLE_PREFIX.length()));
      }
    }
    return null;
  }
}
