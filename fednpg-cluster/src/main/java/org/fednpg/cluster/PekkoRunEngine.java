package org.fednpg.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.ClusterEvent.CurrentClusterState;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.pattern.Patterns;
import org.fednpg.api.FedNpgException;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.api.run.RunListener;
import org.fednpg.cluster.internal.AgentCommand.StartAgent;
import org.fednpg.cluster.internal.AgentCommand.StopAgent;
import org.fednpg.cluster.internal.AgentPlacement;
import org.fednpg.cluster.internal.AgentSharding;
import org.fednpg.cluster.internal.CheckpointStore;
import org.fednpg.cluster.internal.CoordinatorBridge;
import org.fednpg.cluster.internal.CoordinatorEvent;
import org.fednpg.cluster.internal.CoordinatorEvent.AgentFailed;
import org.fednpg.cluster.internal.CoordinatorEvent.AgentFinished;
import org.fednpg.cluster.internal.CoordinatorEvent.AgentReport;
import org.fednpg.cluster.internal.CoordinatorEvent.CheckpointComplete;
import org.fednpg.cluster.internal.CoordinatorEvent.MemberChange;
import org.fednpg.cluster.internal.LinkCounters;
import org.fednpg.cluster.internal.LinkFaults;
import org.fednpg.cluster.internal.RunFingerprint;
import org.fednpg.cluster.internal.RunSpec;
import org.fednpg.cluster.internal.TlsStores;
import org.fednpg.core.plugin.ComponentRegistry;
import org.fednpg.core.robust.AdversarialAlgorithm;
import org.fednpg.core.run.AssembledRun;
import org.fednpg.core.run.RunRequest;
import org.fednpg.core.runtime.Parallel;
import org.fednpg.core.runtime.RunEngine;
import org.fednpg.core.runtime.RunOptions;
import org.fednpg.core.runtime.RunResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the agents as Pekko Cluster Sharding entities, either on nodes it starts inside this JVM
 * (embedded) or on an existing cluster it joins as a client. Every node rebuilds the run from the
 * {@link RunRequest}; the agents exchange only their {@code send} tables with their W-neighbours.
 * After every iteration each agent reports its samples and counters, and on metrics iterations its
 * log-policy, to a coordinator on this JVM, which computes the rows with the local {@link
 * MetricsCalculator} exactly as the in-process runtime does and feeds the listener in iteration
 * order on the calling thread.
 *
 * <p>Failure handling (issue 19, our choices): with {@code checkpoint_every} k the agents send
 * their state to this process after every k-th iteration ({@link CheckpointStore}, on disk). If a
 * node hosting agents of the run becomes unreachable or leaves, every agent is stopped, the cluster
 * is given time to settle without the node, and a new generation of all agents starts on the live
 * nodes from the latest complete checkpoint (iteration 0 without one), so the rows equal those of
 * an uninterrupted run; rows already delivered are not delivered again. The run fails with a {@link
 * FedNpgException} naming the node and its agents only when no live agent node is left, an agent
 * fails on its own, or no agent makes progress for {@code timeout_s}. Whatever the outcome, a
 * submitting client then leaves the cluster, or marks itself down when a crashed member blocks
 * leaving (see {@link ClusterNode}), so the survivors keep serving later runs.
 */
public final class PekkoRunEngine implements RunEngine {

  private static final Logger LOG = LoggerFactory.getLogger(PekkoRunEngine.class);
  private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);
  private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
  private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Bound on waiting, after a node was lost, for the cluster to settle without it (our choice: the
   * resolver's stable-after of 20 s plus margin for detection and removal).
   */
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(120);

  /**
   * How long a generation waits for the shard coordinator to know a region on every live agent node
   * before it places its agents (see {@link #awaitRegions}).
   */
  private static final Duration REGIONS_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Members this engine starts stop at once on terminate: embedded nodes all go away together (no
   * hand-off is useful), and a client leaves explicitly first (see {@link #shutdown}).
   */
  private static final Config EPHEMERAL =
      ConfigFactory.parseString("pekko.coordinated-shutdown.run-by-actor-system-terminate = off");

  /**
   * A submitter joining an existing cluster tolerates 8 s without a heartbeat from the nodes
   * (default 3 s), a precaution (our choice): it computes the metrics rows, and on a loaded machine
   * its own late readings of the nodes' heartbeats are gossiped like any member's. Lost nodes are
   * still detected by the nodes themselves, at their own setting. (The survivors downed in {@code
   * ClusterSurvivalTest} under CI load were not caused by this but by a submitter whose resolver
   * settings differed from the nodes'; such a member is now refused, see {@code
   * ResolverSettingsCheck}.)
   */
  private static final Config SUBMITTER =
      ConfigFactory.parseString("pekko.cluster.failure-detector.acceptable-heartbeat-pause = 8s");

  /**
   * How the engine runs.
   *
   * @param nodes embedded nodes to start when {@code cluster} is null
   * @param cluster {@code host:port} of a seed node of an existing cluster, or null
   * @param host address this JVM's nodes (or client) bind to and are reached at
   * @param drop probability of losing one link transmission
   * @param delayMs link delay bound: uniform in [0, delayMs] ms
   * @param retryMs retransmission interval of unacknowledged tables
   * @param timeoutSeconds fail when no agent reports progress for this long
   * @param countWire whether {@code messages}/{@code bytes_sent} count real transmissions and
   *     serialised bytes instead of logical messages and 8 bytes per number
   * @param faultSeed seed of the fault streams
   * @param tls folder with the PKCS12 stores for mutual TLS, or null for plain TCP
   * @param checkpointEvery agents send their state to the submitter after every k-th iteration, so
   *     a recovery from a lost node restarts from there (0: no checkpoints, a recovery restarts
   *     from iteration 0)
   */
  public record Settings(
      int nodes,
      String cluster,
      String host,
      double drop,
      long delayMs,
      long retryMs,
      long timeoutSeconds,
      boolean countWire,
      long faultSeed,
      Path tls,
      int checkpointEvery) {}

  private final Settings settings;
  private final ComponentRegistry registry;
  private final Config overrides;

  /**
   * An engine with these settings; embedded nodes rebuild runs from {@code registry} (the one the
   * submitter assembled the run from, so plugin components work on them too).
   */
  public PekkoRunEngine(Settings settings, ComponentRegistry registry) {
    this(settings, registry, ConfigFactory.empty());
  }

  private PekkoRunEngine(Settings settings, ComponentRegistry registry, Config overrides) {
    this.settings = settings;
    this.registry = registry;
    this.overrides = overrides;
  }

  /**
   * This engine with {@code overrides} applied to every member it starts (embedded nodes or the
   * client), above its own settings: for tests whose nodes use other settings than the shipped
   * ones, which a joining member must share (see {@code ResolverSettingsCheck}).
   */
  PekkoRunEngine withMemberConfig(Config overrides) {
    return new PekkoRunEngine(settings, registry, overrides.withFallback(this.overrides));
  }

  /** Yes: every node builds its own agents; this process builds the model and metrics only. */
  @Override
  public boolean runsAgentsElsewhere() {
    return true;
  }

  @Override
  public RunResult run(
      AssembledRun run, RunRequest request, RunOptions options, RunListener listener) {
    RunSpec spec = RunSpec.of(request);
    List<ClusterNode> started = new ArrayList<>();
    Config member =
        overrides.withFallback(
            settings.tls() == null
                ? EPHEMERAL
                : EPHEMERAL.withFallback(TlsStores.config(settings.tls())));
    try {
      ClusterNode coordinator;
      if (settings.cluster() == null) {
        ClusterNode first =
            ClusterNode.start(registry, settings.host(), 0, List.of(), AgentSharding.ROLE, member);
        started.add(first);
        for (int i = 1; i < settings.nodes(); i++) {
          started.add(
              ClusterNode.start(
                  registry,
                  settings.host(),
                  0,
                  List.of(first.address()),
                  AgentSharding.ROLE,
                  member));
        }
        first.awaitUp(settings.nodes(), JOIN_TIMEOUT);
        coordinator = first;
      } else {
        ClusterNode client =
            ClusterNode.start(
                registry,
                settings.host(),
                0,
                List.of(settings.cluster()),
                ClusterNode.CLIENT_ROLE,
                overrides.withFallback(SUBMITTER).withFallback(member));
        started.add(client);
        client.awaitUp(1, JOIN_TIMEOUT);
        coordinator = client;
      }
      return execute(coordinator.system(), run, spec, options, listener);
    } finally {
      shutdown(started);
    }
  }

  /** Runs on a formed cluster, with the coordinator on {@code system}. */
  RunResult execute(
      ActorSystem<?> system,
      AssembledRun run,
      RunSpec spec,
      RunOptions options,
      RunListener listener) {
    String runId = "run-" + UUID.randomUUID();
    int n = run.algorithm().agents().size();
    List<Long> rows = rowIterations(options);
    BlockingQueue<CoordinatorEvent> queue = new LinkedBlockingQueue<>();
    try (CheckpointStore checkpoints = new CheckpointStore(n)) {
      ActorRef<CoordinatorEvent> bridge =
          system.systemActorOf(
              CoordinatorBridge.create(queue, checkpoints), "coordinator-" + runId, Props.empty());
      long start = System.nanoTime();
      Generation gen =
          new Generation(system, runId, 0, n, spec, options, RunFingerprint.of(run), bridge);
      checkpoints.begin(gen.id);
      gen.start(0, checkpoints);
      LOG.info("run {}: {} agents started, {} iterations", runId, n, options.iterations());
      Progress p = new Progress(n);
      Set<String> recoveredFrom = new HashSet<>();
      try (Parallel parallel = new Parallel(options.threads())) {
        int next = 0;
        IterationMetrics last = null;
        long lastProgress = System.nanoTime();
        long lastLog = System.nanoTime();
        long timeout = TimeUnit.SECONDS.toNanos(settings.timeoutSeconds());
        while (next < rows.size() || p.finished < n) {
          CoordinatorEvent ev = queue.poll(200, TimeUnit.MILLISECONDS);
          if (p.anyUnplaced()) {
            gen.restartSilent(p);
          }
          if (ev == null) {
            if (System.nanoTime() - lastProgress > timeout) {
              throw stalled(p, rows, next);
            }
            continue;
          }
          String lost = null;
          String why = null;
          if (ev instanceof AgentReport r && r.runId().equals(gen.id)) {
            lastProgress = System.nanoTime();
            p.record(r, next < rows.size() ? rows.get(next) : Long.MAX_VALUE);
            while (next < rows.size() && p.complete(rows.get(next))) {
              last = emit(rows.get(next), p, run, parallel, start, listener);
              p.rows.remove(rows.get(next));
              next++;
            }
          } else if (ev instanceof AgentFinished f && f.runId().equals(gen.id)) {
            lastProgress = System.nanoTime();
            if (!p.done[f.agent()]) {
              p.done[f.agent()] = true;
              p.finished++;
            }
          } else if (ev instanceof AgentFailed f && f.runId().equals(gen.id)) {
            if (!f.nodeLeaving()) {
              throw new FedNpgException(
                  "pekko runtime: agent "
                      + f.agent()
                      + " on node "
                      + f.node()
                      + " failed after iteration "
                      + f.iteration()
                      + ": "
                      + f.reason()
                      + "; agents on that node: "
                      + p.agentsOn(f.node())
                      + "; run aborted");
            }
            lost = f.node();
            why = "agent " + f.agent() + " stopped: its node is leaving or shutting down";
          } else if (ev instanceof MemberChange c
              && (c.what().equals("ReachableMember") || c.what().equals("MemberUp"))) {
            recoveredFrom.remove(c.node());
          } else if (ev instanceof MemberChange c
              && CoordinatorBridge.isLoss(c)
              && c.agentNode()
              && !recoveredFrom.contains(c.node())) {
            if (!p.agentsOn(c.node()).isEmpty() || p.anyUnplaced()) {
              lost = c.node();
              why = c.what();
            } else {
              LOG.warn(
                  "run {}: member {} {} (hosts none of its agents)", runId, c.node(), c.what());
            }
          } else if (ev instanceof CheckpointComplete c) {
            lastProgress = System.nanoTime();
            checkpoints.confirm(c.iteration());
            LOG.info("run {}: checkpoint of iteration {} complete", runId, c.iteration());
          }
          if (lost != null && next == rows.size()) {
            // every row is out: the lost agents' results are complete, nothing to recover
            LOG.warn(
                "run {}: node {} lost ({}) after the last row; the run is complete",
                runId,
                lost,
                why);
            break;
          }
          if (lost != null) {
            // later events about the same node (the membership catching up) are not new losses
            recoveredFrom.add(lost);
            Generation failed = gen;
            // recover stops the failed generation itself: if it then throws (no live node, say),
            // the finally below must find null, not stop that generation a second time
            gen = null;
            gen = recover(failed, lost, why, p, checkpoints, queue);
            p = new Progress(n);
            lastProgress = System.nanoTime();
          }
          if (last != null && System.nanoTime() - lastLog > PROGRESS_EVERY_NANOS) {
            lastLog = System.nanoTime();
            LOG.info(
                "iteration {}/{}: value {} gap {}",
                last.iteration(),
                options.iterations(),
                last.value(),
                last.optimalityGap());
          }
        }
        LinkCounters c = p.total();
        LOG.info(
            "run {} done: {} table transmissions ({} logical messages), {} separate acks, {}"
                + " dropped, {} payload bytes{}{}",
            runId,
            c.transmissions(),
            c.messages(),
            c.acks(),
            c.drops(),
            c.payloadBytes(),
            settings.countWire() ? ", " + c.wireBytes() + " serialised bytes" : "",
            gen.number == 0 ? "" : " (counts since the last restart's checkpoint)");
        listener.onFinish();
        return new RunResult(last, System.nanoTime() - start);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FedNpgException("pekko runtime: interrupted", e);
      } finally {
        if (gen != null) {
          gen.stop();
        }
        bridge.tell(new CoordinatorEvent.Close());
      }
    }
  }

  /**
   * Recovery from a lost node (issue 19): stops every agent of the current generation, waits until
   * the cluster has settled without the lost node (the split-brain resolver downs it and its shards
   * become free), then starts a new generation of every agent on the live nodes from the latest
   * complete checkpoint (iteration 0 when there is none), every agent rolling back to that round.
   */
  private Generation recover(
      Generation gen,
      String lost,
      String why,
      Progress p,
      CheckpointStore checkpoints,
      BlockingQueue<CoordinatorEvent> queue)
      throws InterruptedException {
    List<Integer> agents = p.agentsOn(lost);
    // pieces of the failed generation are no longer taken; the restart point is the checkpoint the
    // run's thread has confirmed (every row up to it is out, see CheckpointStore)
    checkpoints.freeze();
    long from = Math.max(0, checkpoints.confirmed());
    LOG.warn(
        "run {}: node {} lost at iteration {} ({}); agents {} restart on the live nodes, every"
            + " agent from {}",
        gen.runId,
        lost,
        p.minReached(),
        why,
        agents,
        from == 0 ? "iteration 0 (no checkpoint yet)" : "the checkpoint of iteration " + from);
    gen.stop();
    List<String> live = awaitSettled(gen.system, lost, queue);
    if (live.isEmpty()) {
      throw new FedNpgException(
          "pekko runtime: node "
              + lost
              + " lost ("
              + why
              + ") at iteration "
              + p.minReached()
              + " and no live agent node is left to restart its agents "
              + agents
              + " on (members seen: "
              + Cluster.get(gen.system).state().getMembers()
              + "); run aborted");
    }
    Generation next = gen.next();
    checkpoints.begin(next.id);
    try {
      next.start(from, checkpoints);
    } catch (RuntimeException e) {
      next.stop();
      throw e;
    }
    LOG.warn(
        "run {}: generation {} of the agents started on {} from iteration {}",
        gen.runId,
        next.number,
        live,
        from);
    return next;
  }

  /**
   * Waits until every agent-role member is up and reachable (the lost one downed and removed, or
   * back), draining {@code queue} meanwhile; returns the live agent nodes, at once an empty list
   * when the membership holds no other agent node.
   */
  private static List<String> awaitSettled(
      ActorSystem<?> system, String lost, BlockingQueue<CoordinatorEvent> queue)
      throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    Cluster cluster = Cluster.get(system);
    // The membership snapshot may lag the events: the lost node counts as back only after an
    // event says it is reachable again, else once it is gone from the membership.
    boolean back = false;
    while (true) {
      CurrentClusterState state = cluster.state();
      List<String> live = new ArrayList<>();
      boolean settled = true;
      boolean others = false;
      for (Member m : state.getMembers()) {
        if (!m.hasRole(AgentSharding.ROLE)) {
          continue;
        }
        String where = CoordinatorBridge.hostPort(m.address());
        others |= !where.equals(lost);
        boolean reachable = !state.getUnreachable().contains(m) && (back || !where.equals(lost));
        if (m.status() == MemberStatus.up() && reachable) {
          live.add(where);
        } else {
          settled = false;
        }
      }
      MemberStatus self = cluster.selfMember().status();
      if (self != MemberStatus.up() && self != MemberStatus.weaklyUp()) {
        throw new FedNpgException(
            "pekko runtime: node "
                + lost
                + " was lost, and this submitter is "
                + self
                + " in the cluster (the split-brain resolver downed it too: it looked unreachable or"
                + " on the minority side when the resolver decided); run aborted");
      }
      // Other agent nodes that are unreachable for now are waited for: the resolver either downs
      // them or they come back (a loaded machine can miss heartbeats of live nodes).
      if (settled || !others) {
        return live;
      }
      if (System.nanoTime() > deadline) {
        throw new FedNpgException(
            "pekko runtime: node "
                + lost
                + " was lost and the cluster did not settle without it within "
                + SETTLE_TIMEOUT.toSeconds()
                + " s (members: "
                + state.getMembers()
                + ", unreachable: "
                + state.getUnreachable()
                + "); run aborted");
      }
      CoordinatorEvent ev = queue.poll(200, TimeUnit.MILLISECONDS);
      if (ev instanceof MemberChange c && c.node().equals(lost)) {
        back = c.what().equals("ReachableMember");
      }
    }
  }

  /**
   * The generation's id with its placement (our choice): the agents in contiguous blocks, one per
   * live agent node, on shards of their own (B more shard ids in the coordinator per run), unless
   * some node pins agents ({@code --agents}), then one shard per agent (the shards {@code n mod
   * 1000} shared by all runs; shards of its own after a recovery, {@code fresh}).
   */
  private static String placed(ActorSystem<?> system, String id, int agents, boolean fresh) {
    awaitRegions(system, REGIONS_TIMEOUT);
    for (Member m : Cluster.get(system).state().getMembers()) {
      if (m.hasRole(AgentSharding.ROLE)) {
        for (String role : m.getRoles()) {
          if (role.startsWith(AgentPlacement.ROLE_PREFIX)) {
            return AgentSharding.placed(id, 0, agents, fresh);
          }
        }
      }
    }
    int nodes = liveAgentNodes(system).size();
    // blocks always get shard ids of their own: shards are never moved, so a block shard reused
    // from an earlier run could sit on a node that now holds another block too
    return AgentSharding.placed(id, Math.min(nodes, agents), agents, true);
  }

  /**
   * Waits until the shard coordinator knows a shard region on every up and reachable agent node. A
   * member is up before its region has registered with the coordinator (a registration retried
   * every couple of seconds, later under load), and {@link AgentPlacement} can only choose among
   * the regions it knows: blocks placed before that would all land on the nodes registered so far.
   * After {@code timeout} the run goes on with a warning (its placement is then uneven, its results
   * the same).
   */
  static void awaitRegions(ActorSystem<?> system, Duration timeout) {
    org.apache.pekko.actor.ActorRef region =
        org.apache.pekko.cluster.sharding.ClusterSharding.get(Adapter.toClassic(system))
            .shardRegion(AgentSharding.KEY.name());
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        Set<Address> expected = liveAgentNodes(system);
        Set<Address> known = knownRegions(region);
        if (known.containsAll(expected)) {
          return;
        }
        if (System.nanoTime() > deadline) {
          Set<Address> missing = new TreeSet<>(Address.addressOrdering());
          missing.addAll(expected);
          missing.removeAll(known);
          LOG.warn(
              "pekko runtime: after {} s the shard coordinator still knows no agent region on {};"
                  + " placing the agents on the {} known region(s), so some nodes may hold more"
                  + " than their share",
              timeout.toSeconds(),
              missing,
              known.size());
          return;
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FedNpgException("pekko runtime: interrupted while waiting for shard regions", e);
    }
  }

  /**
   * The nodes of the regions the coordinator knows, asked through {@code region}; none yet if it
   * cannot answer.
   */
  private static Set<Address> knownRegions(org.apache.pekko.actor.ActorRef region)
      throws InterruptedException {
    try {
      Object reply =
          Patterns.ask(region, ShardRegion.getCurrentRegionsInstance(), Duration.ofSeconds(2))
              .toCompletableFuture()
              .get();
      return ((ShardRegion.CurrentRegions) reply).getRegions();
    } catch (ExecutionException e) {
      // no coordinator yet, or the ask timed out: the caller asks again until its deadline
      LOG.debug("shard regions not known yet: {}", e.getCause().toString());
      return Set.of();
    }
  }

  /** Addresses of the up and reachable members with the agent role. */
  private static Set<Address> liveAgentNodes(ActorSystem<?> system) {
    CurrentClusterState state = Cluster.get(system).state();
    Set<Address> out = new HashSet<>();
    for (Member m : state.getMembers()) {
      if (m.hasRole(AgentSharding.ROLE)
          && m.status() == MemberStatus.up()
          && !state.getUnreachable().contains(m)) {
        out.add(m.address());
      }
    }
    return out;
  }

  /**
   * One generation of the run's agents: entity ids {@code runId-g<number>#<placement>~n} (see
   * {@link AgentSharding#placed}).
   */
  private final class Generation {
    final ActorSystem<?> system;
    final String runId;
    final int number;
    final String id;
    final RunSpec spec;
    final RunOptions options;
    final String fingerprint;
    final ActorRef<CoordinatorEvent> bridge;
    final int agents;
    long from;
    CheckpointStore checkpoints;
    long started;
    long resendAfter = 3;

    Generation(
        ActorSystem<?> system,
        String runId,
        int number,
        int agents,
        RunSpec spec,
        RunOptions options,
        String fingerprint,
        ActorRef<CoordinatorEvent> bridge) {
      this.system = system;
      this.runId = runId;
      this.number = number;
      this.id = placed(system, runId + "-g" + number, agents, number > 0);
      this.spec = spec;
      this.options = options;
      this.fingerprint = fingerprint;
      this.bridge = bridge;
      this.agents = agents;
    }

    Generation next() {
      return new Generation(system, runId, number + 1, agents, spec, options, fingerprint, bridge);
    }

    /** Starts every agent at {@code from} (0, or the latest checkpoint of {@code checkpoints}). */
    void start(long from, CheckpointStore checkpoints) {
      this.from = from;
      this.checkpoints = checkpoints;
      this.started = System.nanoTime();
      for (int i = 0; i < agents; i++) {
        startAgent(i);
      }
    }

    private void startAgent(int i) {
      AgentSharding.ref(system, id, i)
          .tell(
              new StartAgent(
                  id,
                  i,
                  spec,
                  options.iterations(),
                  options.metricsEvery(),
                  new LinkFaults(
                      settings.drop(),
                      settings.delayMs(),
                      settings.retryMs(),
                      settings.faultSeed()),
                  settings.countWire(),
                  fingerprint,
                  bridge,
                  settings.checkpointEvery(),
                  from,
                  from == 0 ? 0 : checkpoints.pieces(i, from)));
    }

    /**
     * Sends the start again to the agents that have not reported yet, after 3 s, 6 s, 12 s, ... up
     * to every 60 s (our choice). An agent ignores a second start, so this only matters when the
     * first was lost: right after a recovery the shard coordinator may still place a lost node's
     * shard on that node for a moment, and a message sent there is gone.
     */
    void restartSilent(Progress p) {
      long now = System.nanoTime();
      if (now - started < TimeUnit.SECONDS.toNanos(resendAfter)) {
        return;
      }
      List<Integer> silent = new ArrayList<>();
      for (int i = 0; i < agents; i++) {
        if (p.node[i] == null) {
          silent.add(i);
          startAgent(i);
        }
      }
      if (!silent.isEmpty()) {
        LOG.debug("run {}: start sent again to agents {} (no report yet)", id, silent);
      }
      started = now;
      resendAfter = Math.min(60, resendAfter * 2);
    }

    void stop() {
      for (int i = 0; i < agents; i++) {
        AgentSharding.ref(system, id, i).tell(new StopAgent(id));
      }
    }
  }

  private IterationMetrics emit(
      long iteration,
      Progress p,
      AssembledRun run,
      Parallel parallel,
      long start,
      RunListener listener) {
    MultiTaskMdp mdp = run.mdp();
    Slot slot = p.rows.get(iteration);
    List<LogPolicy> policies = new ArrayList<>(slot.policies.length);
    long samples = 0;
    LinkCounters c = LinkCounters.zero();
    for (int i = 0; i < slot.policies.length; i++) {
      policies.add(LogPolicy.ofNormalized(mdp.states(), mdp.actions(), slot.policies[i]));
      samples += slot.samples[i];
      c = c.plus(slot.counters[i]);
    }
    IterationMetrics row =
        run.metrics()
            .row(
                iteration,
                policies,
                parallel,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                samples,
                settings.countWire() ? c.wireBytes() : c.payloadBytes(),
                settings.countWire() ? c.transmissions() : c.messages(),
                slot.drift());
    listener.onIteration(row);
    return row;
  }

  private static FedNpgException stalled(Progress p, List<Long> rows, int next) {
    long waitingFor = p.minReached() + 1;
    List<Integer> behind = new ArrayList<>();
    for (int i = 0; i < p.reached.length; i++) {
      if (p.reached[i] < waitingFor) {
        behind.add(i);
      }
    }
    Map<String, List<Integer>> where = new HashMap<>();
    for (int i : behind) {
      where
          .computeIfAbsent(p.node[i] == null ? "unknown node" : p.node[i], k -> new ArrayList<>())
          .add(i);
    }
    return new FedNpgException(
        "pekko runtime: no progress within the timeout; agents "
            + behind
            + " have not completed iteration "
            + waitingFor
            + " (by node: "
            + where
            + ")"
            + (next < rows.size() ? "" : " after the last row"),
        new TimeoutException("timeout_s elapsed"));
  }

  /** The iterations that get a metrics row: 0, every k-th and the last. */
  static List<Long> rowIterations(RunOptions options) {
    TreeSet<Long> set = new TreeSet<>();
    set.add(0L);
    for (long t = 1; t <= options.iterations(); t++) {
      if (options.isMetricsRow(t)) {
        set.add(t);
      }
    }
    return new ArrayList<>(set);
  }

  private static void shutdown(List<ClusterNode> nodes) {
    RuntimeException failure = null;
    if (nodes.size() == 1 && nodes.get(0).host() == null) {
      nodes.get(0).leave(LEAVE_TIMEOUT);
    }
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).system().terminate();
    }
    for (int i = nodes.size() - 1; i >= 0; i--) {
      try {
        nodes.get(i).close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      LOG.warn("embedded nodes did not stop cleanly", failure);
    }
  }

  private static final class Slot {
    final double[][] policies;
    final long[] samples;
    final LinkCounters[] counters;
    final double[][][] drift; // honest agents' {tracker, q} (issue 20), null for the others
    int count;

    Slot(int n) {
      policies = new double[n][];
      samples = new long[n];
      counters = new LinkCounters[n];
      drift = new double[n][][];
    }

    /** The honest tracking drift over the agents that reported tables, in agent order. */
    Double drift() {
      List<double[][]> tables = new ArrayList<>();
      for (double[][] d : drift) {
        if (d != null) {
          tables.add(d);
        }
      }
      return AdversarialAlgorithm.drift(tables);
    }
  }

  private static final class Progress {
    final long[] reached;
    final String[] node;
    final boolean[] done;
    final LinkCounters[] latest;
    final Map<Long, Slot> rows = new HashMap<>();
    int finished;

    Progress(int n) {
      reached = new long[n];
      java.util.Arrays.fill(reached, -1);
      node = new String[n];
      done = new boolean[n];
      latest = new LinkCounters[n];
    }

    /** Records a report; policies of rows before {@code firstRow} (already emitted) are dropped. */
    void record(AgentReport r, long firstRow) {
      int a = r.agent();
      reached[a] = Math.max(reached[a], r.iteration());
      node[a] = r.node();
      latest[a] = r.counters();
      if (r.logPolicy() != null && r.iteration() >= firstRow) {
        Slot s = rows.computeIfAbsent(r.iteration(), k -> new Slot(reached.length));
        if (s.policies[a] == null) {
          s.count++;
        }
        s.policies[a] = r.logPolicy();
        s.samples[a] = r.samples();
        s.counters[a] = r.counters();
        s.drift[a] = r.tracker() == null ? null : new double[][] {r.tracker(), r.q()};
      }
    }

    boolean complete(long iteration) {
      Slot s = rows.get(iteration);
      return s != null && s.count == reached.length;
    }

    /** Whether some agent has not reported yet (its node is unknown). */
    boolean anyUnplaced() {
      for (String s : node) {
        if (s == null) {
          return true;
        }
      }
      return false;
    }

    long minReached() {
      long m = Long.MAX_VALUE;
      for (long r : reached) {
        m = Math.min(m, r);
      }
      return m;
    }

    List<Integer> agentsOn(String host) {
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < node.length; i++) {
        if (host.equals(node[i])) {
          out.add(i);
        }
      }
      return out;
    }

    LinkCounters total() {
      LinkCounters c = LinkCounters.zero();
      for (LinkCounters l : latest) {
        if (l != null) {
          c = c.plus(l);
        }
      }
      return c;
    }
  }
}
