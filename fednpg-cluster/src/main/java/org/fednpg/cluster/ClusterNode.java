package org.fednpg.cluster;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.apache.pekko.cluster.typed.Leave;
import org.fednpg.api.FedNpgException;
import org.fednpg.api.InvalidInputException;
import org.fednpg.cluster.internal.AgentHost;
import org.fednpg.cluster.internal.AgentPlacement;
import org.fednpg.cluster.internal.AgentSharding;
import org.fednpg.cluster.internal.CoordinatorBridge;
import org.fednpg.cluster.internal.DataFolder;
import org.fednpg.cluster.internal.ResolverSettingsCheck;
import org.fednpg.cluster.internal.TlsStores;
import org.fednpg.core.plugin.ComponentRegistry;
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

  /** Exit status of a node that stopped without being asked to (downed, failed to join). */
  public static final int EXIT_ABNORMAL = 3;

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
   * @param registry the components this node builds agents from (plugin jars included)
   * @param host the host name or IP other members reach this node at (also the bind address)
   * @param port TCP port, or 0 for a free one (see {@link #port()})
   * @param seedNodes {@code host:port} of seed nodes; empty, or only this node itself, starts a new
   *     cluster with this node as its first member
   */
  public static ClusterNode start(
      ComponentRegistry registry, String host, int port, List<String> seedNodes) {
    return start(registry, host, port, seedNodes, AgentSharding.ROLE, ConfigFactory.empty());
  }

  /**
   * How a {@code fednpg node} guards itself.
   *
   * @param tls folder with the PKCS12 stores for mutual TLS ({@link TlsStores}), or null for plain
   *     TCP
   * @param data the only folder the spec's paths may point into, or null to read no files
   * @param maxFileBytes largest file a spec may name
   * @param assemblyTimeout bound on building one run on this node
   * @param agents the agents pinned to this node ({@code --agents 0-79,120}, see {@link
   *     AgentPlacement}), or null for none
   */
  public record Guard(
      Path tls, Path data, long maxFileBytes, Duration assemblyTimeout, String agents) {

    /** Default cap on one file a spec names (our choice): 64 MiB. */
    public static final long DEFAULT_MAX_FILE_BYTES = DataFolder.DEFAULT_MAX_BYTES;

    /** Default bound on building one run (our choice: 120 s). */
    public static final Duration DEFAULT_ASSEMBLY_TIMEOUT = AgentHost.DEFAULT_ASSEMBLY_TIMEOUT;

    /** Checks the agent list. */
    public Guard {
      if (agents != null) {
        AgentPlacement.parse(agents);
      }
    }

    /** No agents pinned. */
    public Guard(Path tls, Path data, long maxFileBytes, Duration assemblyTimeout) {
      this(tls, data, maxFileBytes, assemblyTimeout, null);
    }

    /** With the default assembly timeout (our choice: 120 s). */
    public Guard(Path tls, Path data, long maxFileBytes) {
      this(tls, data, maxFileBytes, AgentHost.DEFAULT_ASSEMBLY_TIMEOUT);
    }
  }

  /**
   * Starts a node that hosts agents for runs submitted from other processes: spec paths are read
   * only inside {@code guard.data()}, failures reach the submitter without file content, and with
   * {@code guard.tls()} only members holding certificates from the trust store can connect.
   */
  public static ClusterNode start(
      ComponentRegistry registry, String host, int port, List<String> seedNodes, Guard guard) {
    Config tls = guard.tls() == null ? ConfigFactory.empty() : TlsStores.config(guard.tls());
    if (guard.agents() != null) {
      tls = tls.withFallback(pinnedRoles(guard.agents()));
    }
    DataFolder data = new DataFolder(guard.data(), guard.maxFileBytes());
    return start(
        host,
        port,
        seedNodes,
        AgentSharding.ROLE,
        tls,
        self -> new AgentHost(registry, self, data, guard.assemblyTimeout()));
  }

  /**
   * As {@link #start(ComponentRegistry, String, int, List)}, with a role and configuration
   * overrides.
   */
  static ClusterNode start(
      ComponentRegistry registry,
      String host,
      int port,
      List<String> seedNodes,
      String role,
      Config overrides) {
    return start(host, port, seedNodes, role, overrides, self -> new AgentHost(registry, self));
  }

  private static ClusterNode start(
      String host,
      int port,
      List<String> seedNodes,
      String role,
      Config overrides,
      Function<String, AgentHost> hosts) {
    if (port < 0 || port > 65535) {
      throw new InvalidInputException("port must be in [0, 65535], got " + port);
    }
    List<Address> seeds = new ArrayList<>();
    for (String s : seedNodes) {
      seeds.add(address(s));
    }
    Config config =
        overrides
            .withFallback(
                ConfigFactory.parseString(
                    "pekko.remote.artery.canonical.hostname = \""
                        + host
                        + "\"\n"
                        + "pekko.remote.artery.canonical.port = "
                        + port
                        + "\n"
                        + "pekko.cluster.roles = [\""
                        + role
                        + "\"]\n"))
            .withFallback(ConfigFactory.parseResources("fednpg-cluster.conf"))
            .withFallback(ConfigFactory.load())
            .resolve();
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), SYSTEM, config);
    Cluster cluster = Cluster.get(system);
    String self = CoordinatorBridge.hostPort(cluster.selfMember().address());
    AgentHost agentHost = AgentSharding.ROLE.equals(role) ? hosts.apply(self) : null;
    AgentSharding.init(system, agentHost);
    boolean onlySelf =
        seeds.isEmpty() || seeds.size() == 1 && seeds.get(0).equals(cluster.selfMember().address());
    if (onlySelf) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    } else {
      cluster.manager().tell(new JoinSeedNodes(seeds));
    }
    LOG.info(
        "fednpg node {} started (role {}, {}), seeds {}",
        self,
        role,
        "tls-tcp".equals(config.getString("pekko.remote.artery.transport"))
            ? "mutual TLS"
            : "plain TCP",
        seeds.isEmpty() ? "[self]" : seedNodes);
    return new ClusterNode(system, agentHost);
  }

  /**
   * The roles of an agent node that pins {@code agents} ({@code --agents}, see {@link
   * AgentPlacement}).
   */
  static Config pinnedRoles(String agents) {
    return ConfigFactory.parseString(
        "pekko.cluster.roles = [\""
            + AgentSharding.ROLE
            + "\", \""
            + AgentPlacement.role(agents)
            + "\"]");
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
      throw new InvalidInputException(
          "seed node port must be in [1, 65535], got '" + hostPort + "'");
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
      if (system.whenTerminated().isCompleted()) {
        throw new FedNpgException(stoppedBeforeUp());
      }
      if (System.nanoTime() > deadline) {
        throw new FedNpgException(
            "cluster not ready after "
                + timeout.toSeconds()
                + " s: node "
                + address()
                + " is "
                + cluster.selfMember().status()
                + " and sees "
                + up
                + " agent node(s) up, expected "
                + members
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
   * Leaves the cluster so that the others are not left with an unreachable member: asks to leave
   * and waits until this member is removed; when that cannot happen within {@code timeout} (leaving
   * needs every other member reachable, e.g. not while a crashed node is not yet downed) or a
   * member is unreachable already, marks itself down instead, which the others accept without
   * convergence, and waits for its own shutdown.
   *
   * <p>Why (our choice): a member that just stops after having seen a crashed node as unreachable
   * looks "indirectly connected" to the split-brain resolver (it is both an observer and a subject
   * of unreachability), and the resolver then downs every node of the cluster.
   */
  void leave(Duration timeout) {
    Cluster cluster = Cluster.get(system);
    Address self = cluster.selfMember().address();
    boolean unreachable = !cluster.state().getUnreachable().isEmpty();
    if (!unreachable) {
      cluster.manager().tell(Leave.create(self));
      if (awaitStatus(timeout, MemberStatus.removed())) {
        return;
      }
      LOG.info(
          "member {} could not leave within {} ms (a member is unreachable); marking itself"
              + " down",
          address(),
          timeout.toMillis());
    }
    cluster.manager().tell(new Down(self));
    if (!awaitStatus(timeout, MemberStatus.down(), MemberStatus.removed())) {
      LOG.warn(
          "member {} could not leave or down itself within {} ms; stopping anyway",
          address(),
          timeout.toMillis());
      return;
    }
    // Give the gossip of its own Down status a moment to spread before the system stops.
    try {
      system
          .getWhenTerminated()
          .toCompletableFuture()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      LOG.debug("member {} still running after marking itself down", address());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean awaitStatus(Duration timeout, MemberStatus... wanted) {
    Cluster cluster = Cluster.get(system);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      MemberStatus s = cluster.selfMember().status();
      for (MemberStatus w : wanted) {
        if (s == w) {
          return true;
        }
      }
      if (system.whenTerminated().isCompleted()) {
        return true;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private static boolean refusedForConfiguration(Optional<CoordinatedShutdown.Reason> reason) {
    return reason.isPresent()
        && reason.get() instanceof CoordinatedShutdown.IncompatibleConfigurationDetectedReason$;
  }

  /** What a member refused at join for its configuration is told (and `fednpg node` logs). */
  private String refusedMessage() {
    return "member "
        + address()
        + " was refused by the cluster: its configuration differs from the cluster's (every"
        + " member must have the same split-brain resolver settings "
        + ResolverSettingsCheck.KEYS
        + " and downing provider; the log names the differing key)";
  }

  /** Why this member stopped while it waited to be up, in words a user can act on. */
  private String stoppedBeforeUp() {
    Optional<CoordinatedShutdown.Reason> reason =
        CoordinatedShutdown.get(system).getShutdownReason();
    if (refusedForConfiguration(reason)) {
      return refusedMessage();
    }
    return "member "
        + address()
        + " stopped before it was up in the cluster ("
        + reason.map(Object::toString).orElse("actor system terminated")
        + ")";
  }

  /** Blocks until this node's actor system has terminated (e.g. after {@link #close()}). */
  public void awaitTermination() throws InterruptedException {
    try {
      system.getWhenTerminated().toCompletableFuture().get();
    } catch (ExecutionException e) {
      throw new FedNpgException("node " + address() + " terminated abnormally", e.getCause());
    }
  }

  /**
   * Waits until this node stops and says how it stopped: 0 when it was asked to (Ctrl-C, SIGTERM,
   * {@link #close}, a graceful leave), {@link #EXIT_ABNORMAL} when the cluster downed it, it could
   * not join, or it stopped for any other reason, so a supervisor sees the difference.
   */
  public int awaitExit() throws InterruptedException {
    awaitTermination();
    Optional<CoordinatedShutdown.Reason> reason =
        CoordinatedShutdown.get(system).getShutdownReason();
    boolean normal =
        reason.isPresent()
            && (reason.get() instanceof CoordinatedShutdown.JvmExitReason$
                || reason.get() instanceof CoordinatedShutdown.ActorSystemTerminateReason$
                || reason.get() instanceof CoordinatedShutdown.ClusterLeavingReason$);
    if (normal) {
      LOG.info("node stopped ({})", reason.get());
      return 0;
    }
    if (refusedForConfiguration(reason)) {
      LOG.error("{}; exit status {}", refusedMessage(), EXIT_ABNORMAL);
      return EXIT_ABNORMAL;
    }
    LOG.error(
        "node stopped abnormally ({}); exit status {}",
        reason.map(Object::toString).orElse("actor system terminated without a shutdown reason"),
        EXIT_ABNORMAL);
    return EXIT_ABNORMAL;
  }

  /**
   * Whether this JVM exits on {@link OutOfMemoryError} ({@code -XX:+ExitOnOutOfMemoryError} or
   * {@code -XX:+CrashOnOutOfMemoryError}): without it a node that runs out of memory may stay
   * half-alive instead of leaving the cluster as lost.
   */
  public static boolean exitsOnOutOfMemory() {
    try {
      HotSpotDiagnosticMXBean vm =
          ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      return vm != null
          && (Boolean.parseBoolean(vm.getVMOption("ExitOnOutOfMemoryError").getValue())
              || Boolean.parseBoolean(vm.getVMOption("CrashOnOutOfMemoryError").getValue()));
    } catch (IllegalArgumentException e) {
      return false; // not a HotSpot JVM: the flag does not exist
    }
  }

  /** Leaves the cluster gracefully and stops the actor system (waits up to 30 s). */
  @Override
  public void close() {
    system.terminate();
    try {
      system
          .getWhenTerminated()
          .toCompletableFuture()
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
