package org.fednpg.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.apache.pekko.cluster.typed.Leave;
import org.fednpg.api.FedNpgException;
import org.fednpg.api.InvalidInputException;
import org.fednpg.cluster.internal.AgentHost;
import org.fednpg.cluster.internal.AgentSharding;
import org.fednpg.cluster.internal.CoordinatorBridge;
import org.fednpg.core.plugin.Plugins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One fednpg cluster member: a Pekko {@code ActorSystem} named {@value #SYSTEM} with cluster
 * sharding of agents. Nodes started with {@link #start} host agents (role {@code agent}); runs are
 * submitted to them with the {@code pekko} runtime and {@code cluster: host:port}. This is the
 * entry point behind {@code fednpg node --port P --seed-nodes host:port,...}.
 */
public final class ClusterNode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

  /** The actor system name every member must share. */
  public static final String SYSTEM = "fednpg";

  /** Role of members that only submit runs (they host no agents). */
  static final String CLIENT_ROLE = "client";

  private static final Duration SHUTDOWN = Duration.ofSeconds(30);

  private final ActorSystem<Void> system;
  private final AgentHost host;

  private ClusterNode(ActorSystem<Void> system, AgentHost host) {
    this.system = system;
    this.host = host;
  }

  /**
   * Starts a node that hosts agents and asks to join the cluster; returns once the actor system
   * runs (joining continues in the background, see {@link #awaitUp}).
   *
   * @param host the host name or IP other members reach this node at (also the bind address)
   * @param port TCP port, or 0 for a free one (see {@link #port()})
   * @param seedNodes {@code host:port} of seed nodes; empty, or only this node itself, starts a
   *     new cluster with this node as its first member
   */
  public static ClusterNode start(String host, int port, List<String> seedNodes) {
    return start(host, port, seedNodes, AgentSharding.ROLE, ConfigFactory.empty());
  }

  /** As {@link #start(String, int, List)}, with a role and configuration overrides. */
  static ClusterNode start(
      String host, int port, List<String> seedNodes, String role, Config overrides) {
    if (port < 0 || port > 65535) {
      throw new InvalidInputException("port must be in [0, 65535], got " + port);
    }
    List<Address> seeds = new ArrayList<>();
    for (String s : seedNodes) {
      seeds.add(address(s));
    }
    Config config = overrides
        .withFallback(ConfigFactory.parseString(
            "pekko.remote.artery.canonical.hostname = \"" + host + "\"\n"
                + "pekko.remote.artery.canonical.port = " + port + "\n"
                + "pekko.cluster.roles = [\"" + role + "\"]\n"))
        .withFallback(ConfigFactory.parseResources("fednpg-cluster.conf"))
        .withFallback(ConfigFactory.load())
        .resolve();
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), SYSTEM, config);
    Cluster cluster = Cluster.get(system);
    String self = CoordinatorBridge.hostPort(cluster.selfMember().address());
    AgentHost agentHost = AgentSharding.ROLE.equals(role)
        ? new AgentHost(Plugins.registry(), self) : null;
    AgentSharding.init(system, agentHost);
    boolean onlySelf = seeds.isEmpty()
        || seeds.size() == 1 && seeds.get(0).equals(cluster.selfMember().address());
    if (onlySelf) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    } else {
      cluster.manager().tell(new JoinSeedNodes(seeds));
    }
    LOG.info("fednpg node {} started (role {}), seeds {}", self, role,
        seeds.isEmpty() ? "[self]" : seedNodes);
    return new ClusterNode(system, agentHost);
  }

  /** {@code host:port} as a cluster address of this system name. */
  static Address address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw new InvalidInputException("seed node must be host:port, got '" + hostPort + "'");
    }
    int port;
    try {
      port = Integer.parseInt(hostPort.substring(colon + 1).trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException("seed node must be host:port, got '" + hostPort + "'");
    }
    if (port < 1 || port > 65535) {
      throw new InvalidInputException("seed node port must be in [1, 65535], got '" + hostPort + "'");
    }
    return new Address("pekko", SYSTEM, hostPort.substring(0, colon).trim(), port);
  }

  /** This node's {@code host:port} (with the actual port when started with 0). */
  public String address() {
    return CoordinatorBridge.hostPort(Cluster.get(system).selfMember().address());
  }

  /** The TCP port this node listens on. */
  public int port() {
    return Cluster.get(system).selfMember().address().getPort().orElseThrow();
  }

  /**
   * Waits until at least {@code members} members with role {@code agent} are up, as seen by this
   * node, and this node itself is up.
   *
   * @throws FedNpgException naming what is missing when {@code timeout} passes first
   */
  public void awaitUp(int members, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Cluster cluster = Cluster.get(system);
    while (true) {
      int up = 0;
      for (org.apache.pekko.cluster.Member m : cluster.state().getMembers()) {
        if (m.status() == MemberStatus.up() && m.hasRole(AgentSharding.ROLE)) {
          up++;
        }
      }
      boolean selfUp = cluster.selfMember().status() == MemberStatus.up();
      if (selfUp && up >= members) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new FedNpgException("cluster not ready after " + timeout.toSeconds() + " s: node "
            + address() + " is " + cluster.selfMember().status() + " and sees " + up
            + " agent node(s) up, expected " + members
            + " (check the seed node address and that the nodes reach each other)");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FedNpgException("interrupted while waiting for the cluster", e);
      }
    }
  }

  /**
   * Asks to leave the cluster and waits until this member is removed or {@code timeout} passes
   * (e.g. while another member is unreachable and the cluster cannot converge).
   */
  void leave(Duration timeout) {
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Leave.create(cluster.selfMember().address()));
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      MemberStatus s = cluster.selfMember().status();
      if (s == MemberStatus.removed() || s == MemberStatus.exiting() || s == MemberStatus.down()) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    LOG.warn("node {} could not leave the cluster within {} ms; stopping anyway", address(),
        timeout.toMillis());
  }

  /** Blocks until this node's actor system has terminated (e.g. after {@link #close()}). */
  public void awaitTermination() throws InterruptedException {
    try {
      system.getWhenTerminated().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw new FedNpgException("node " + address() + " terminated abnormally", e.getCause());
    }
  }

  /** Leaves the cluster gracefully and stops the actor system (waits up to 30 s). */
  @Override
  public void close() {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture()
          .get(SHUTDOWN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FedNpgException("interrupted while stopping node", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new FedNpgException("node did not stop within " + SHUTDOWN.toSeconds() + " s", e);
    }
  }

  /** The actor system (runtime internals and tests). */
  ActorSystem<Void> system() {
    return system;
  }

  /** The agent host, or null on a client. */
  AgentHost host() {
    return host;
  }
}
