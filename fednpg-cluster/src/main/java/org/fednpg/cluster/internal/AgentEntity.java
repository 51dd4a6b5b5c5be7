package org.fednpg.cluster.internal;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.fednpg.api.RandomSource;
import org.fednpg.api.Topology;
import org.fednpg.api.model.MixingMatrix;
import org.fednpg.api.run.AgentProcess;
import org.fednpg.api.run.Algorithm;
import org.fednpg.cluster.internal.AgentCommand.Ack;
import org.fednpg.cluster.internal.AgentCommand.AckTick;
import org.fednpg.cluster.internal.AgentCommand.Assembled;
import org.fednpg.cluster.internal.AgentCommand.DelayedSend;
import org.fednpg.cluster.internal.AgentCommand.Exchange;
import org.fednpg.cluster.internal.AgentCommand.PieceStored;
import org.fednpg.cluster.internal.AgentCommand.RestoreChunk;
import org.fednpg.cluster.internal.AgentCommand.RetryTick;
import org.fednpg.cluster.internal.AgentCommand.StartAgent;
import org.fednpg.cluster.internal.AgentCommand.StopAgent;
import org.fednpg.cluster.internal.CoordinatorEvent.AgentFailed;
import org.fednpg.cluster.internal.CoordinatorEvent.AgentFinished;
import org.fednpg.cluster.internal.CoordinatorEvent.AgentReport;
import org.fednpg.cluster.internal.CoordinatorEvent.SnapshotRequest;
import org.fednpg.cluster.internal.CoordinatorEvent.StateChunk;
import org.fednpg.core.robust.AdversarialAlgorithm;
import org.fednpg.core.run.AssembledRun;
import org.fednpg.core.runtime.RunOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent as a sharded entity. It holds its {@link AgentProcess} (with its private reward, policy
 * and tracking tables), rebuilt on this node from the run's spec. Rounds are synchronous without a
 * global lock: for (t, k) it sends {@code send(t, k)} to every m with W_mn ≠ 0, waits until it
 * holds the (t, k) table of every m ≠ n in the support of its own row of W^(t), mixes Σ_m W_nm x_m
 * with {@link MixingMatrix#mixRows} (the in-process arithmetic, bit for bit) and calls {@code
 * receive}. Tables of later rounds are buffered.
 *
 * <p>Links are made reliable here: every table is acknowledged and retransmitted until
 * acknowledged; duplicates are acknowledged again and ignored. So injected drops and delays change
 * timing and traffic only, never the numbers. Acknowledgements are cumulative and batched (our
 * choice): every table an agent sends to m carries "I hold all your tables of rounds below my
 * current round, and these later ones", which acknowledges m's tables at no cost when the agent
 * answers m soon enough (a quarter of {@code retry_ms} plus a quarter of the smoothed round trip;
 * in a symmetric W it always sends m its next table); only tables not covered that way get one
 * {@link Ack} per neighbour covering them all. Unacknowledged tables are resent after an adaptive,
 * backed-off interval (see {@link #resendAfter}).
 *
 * <p>Recovery (issue 19): with {@code checkpoint_every} k > 0 the agent sends its {@link
 * AgentSnapshot} (state and link counters) to the coordinator after every k-th iteration, in pieces
 * (the next when the coordinator has taken the last). A restarted agent (a new generation of
 * entities after a node was lost) is built afresh and, instead of {@code initialize()}, restores
 * the snapshot it asks the coordinator for, piece by piece, continuing from that iteration bit for
 * bit.
 */
public final class AgentEntity extends AbstractBehavior<AgentCommand> {

  private static final Logger LOG = LoggerFactory.getLogger(AgentEntity.class);
  private static final Object RETRY_TIMER = "retry";
  private static final Object ACK_TIMER = "ack";
  private static final int MAX_BACKOFF = 6;
  private static final long INITIAL_RTO = Duration.ofSeconds(1).toNanos();
  private static final long RELIABLE_FLOOR = Duration.ofSeconds(10).toNanos();

  private record PendingKey(int to, long round) {}

  /** Carries a failed assembly's cause into {@link #guarded}. */
  private static final class AssemblyFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AssemblyFailed(Throwable cause) {
      super(cause);
    }
  }

  private static final class Pending {
    final double[] table;
    final long iteration;
    final int exchange;
    long lastSent;
    int resends;

    Pending(double[] table, long iteration, int exchange, long lastSent) {
      this.table = table;
      this.iteration = iteration;
      this.exchange = exchange;
      this.lastSent = lastSent;
    }
  }

  private final String entityId;
  private final AgentHost host;
  private final TimerScheduler<AgentCommand> timers;
  private final List<Exchange> early = new ArrayList<>();

  private String runId;
  private StartAgent startMessage;
  private int n;
  private int agents;
  private int exchanges;
  private int iterations;
  private RunOptions schedule;
  private AgentProcess agent;
  private AgentProcess built;
  private boolean assembled;
  private int checkpointEvery;
  private final ByteArrayOutputStream restoreBytes = new ByteArrayOutputStream();
  private int restorePieces;
  private byte[] upload;
  private long uploadIteration;
  private Algorithm algorithm;
  private Topology topology;
  private LinkFaults faults;
  private SplittableRandom faultRandom;
  private boolean countWire;
  private Duration ackDelay;
  private ActorRef<CoordinatorEvent> coordinator;
  private final Map<Integer, RecipientRef<AgentCommand>> refs = new HashMap<>();
  private final Set<Integer> direct = new HashSet<>();
  private String selfPath;

  private long t;
  private int k;
  private MixingMatrix w;
  private int[] needed;
  private int[] receivers;
  private double[] own;
  private final Map<Long, Map<Integer, double[]>> inbox = new HashMap<>();
  private final Map<PendingKey, Pending> pending = new LinkedHashMap<>();
  private final Set<Integer> owed = new TreeSet<>();

  private long messages;
  private long payloadBytes;
  private long transmissions;
  private long wireBytes;
  private long drops;
  private long acks;
  private long srtt = -1;
  private long rttvar;

  private boolean started;
  private boolean done;
  private boolean finishedReported;
  private boolean ended;

  private AgentEntity(
      ActorContext<AgentCommand> context,
      TimerScheduler<AgentCommand> timers,
      String entityId,
      AgentHost host) {
    super(context);
    this.timers = timers;
    this.entityId = entityId;
    this.host = host;
  }

  /** The behaviour of entity {@code entityId} on the node of {@code host}. */
  public static Behavior<AgentCommand> create(String entityId, AgentHost host) {
    return Behaviors.setup(
        ctx -> Behaviors.withTimers(timers -> new AgentEntity(ctx, timers, entityId, host)));
  }

  @Override
  public Receive<AgentCommand> createReceive() {
    return newReceiveBuilder()
        .onMessage(StartAgent.class, this::onStart)
        .onMessage(Exchange.class, this::onExchange)
        .onMessage(Ack.class, this::onAck)
        .onMessage(RetryTick.class, m -> guarded(this::retransmit))
        .onMessage(AckTick.class, m -> guarded(this::flushAcks))
        .onMessage(DelayedSend.class, this::onDelayedSend)
        .onMessage(StopAgent.class, this::onStop)
        .onMessage(Assembled.class, this::onAssembled)
        .onMessage(RestoreChunk.class, this::onRestoreChunk)
        .onMessage(PieceStored.class, this::onPieceStored)
        .onSignal(Terminated.class, s -> onSubmitterGone())
        .onSignal(PostStop.class, s -> onPostStop())
        .build();
  }

  private Behavior<AgentCommand> onStart(StartAgent m) {
    if (started) {
      return this;
    }
    runId = m.runId();
    n = m.agent();
    coordinator = m.coordinator();
    iterations = m.iterations();
    schedule = new RunOptions(m.iterations(), m.metricsEvery(), 1);
    faults = m.faults();
    countWire = m.countWire();
    checkpointEvery = m.checkpointEvery();
    started = true;
    startMessage = m;
    // Our choice: agents stop when their submitter is gone (crashed or downed), so a run never
    // holds a node's memory after nobody can use its results.
    getContext().watch(coordinator);
    getContext().pipeToSelf(host.acquire(runId, m.spec(), n), Assembled::new);
    if (m.stateChunks() > 0) {
      coordinator.tell(
          new SnapshotRequest(runId, n, m.startIteration(), 0, getContext().getSelf()));
    }
    return this;
  }

  private Behavior<AgentCommand> onAssembled(Assembled a) {
    StartAgent m = startMessage;
    return guarded(
        () -> {
          if (a.failure() != null) {
            throw new AssemblyFailed(a.failure());
          }
          AssembledRun run = a.run();
          String fingerprint = RunFingerprint.of(run);
          Optional<String> differs = RunFingerprint.difference(fingerprint, m.fingerprint());
          if (differs.isPresent()) {
            throw new NodeFailure(
                "node "
                    + host.node()
                    + " built a different run from the spec "
                    + "than the submitter ("
                    + differs.get()
                    + "); every node needs the same files at "
                    + m.spec().baseDirectory()
                    + ", the same plugins and the same fednpg build");
          }
          algorithm = run.algorithm();
          topology = run.topology();
          agents = algorithm.agents().size();
          exchanges = algorithm.exchangesPerIteration();
          if (exchanges < 1) {
            throw new IllegalStateException(
                "algorithm has " + exchanges + " exchanges per iteration");
          }
          built = algorithm.agents().get(n);
          faultRandom = RandomSource.of(faults.seed()).child(n).random();
          // Our choice: owed acknowledgements wait a quarter of the retransmission interval for a
          // table to ride on, so they arrive before the sender would resend.
          ackDelay = Duration.ofMillis(Math.max(1, faults.retryMs() / 4));
          assembled = true;
          maybeBegin();
        });
  }

  private Behavior<AgentCommand> onRestoreChunk(RestoreChunk m) {
    if (!started || !m.runId().equals(runId)) {
      return this;
    }
    return guarded(
        () -> {
          if (m.index() != restorePieces) {
            throw new IllegalStateException(
                "snapshot piece " + m.index() + " arrived where " + restorePieces + " was due");
          }
          restoreBytes.writeBytes(m.data());
          restorePieces++;
          if (restorePieces < startMessage.stateChunks()) {
            // one piece at a time: a recovery of many agents never floods a link
            coordinator.tell(
                new SnapshotRequest(
                    runId,
                    n,
                    startMessage.startIteration(),
                    restorePieces,
                    getContext().getSelf()));
          }
          maybeBegin();
        });
  }

  /**
   * Starts once the run is assembled and, for a restarted agent, its whole snapshot is here: {@code
   * initialize()} at iteration 0, else {@code restore} of the snapshot's state, iteration and link
   * counters.
   */
  private void maybeBegin() {
    StartAgent m = startMessage;
    if (!assembled || agent != null || restorePieces < m.stateChunks()) {
      return;
    }
    if (m.startIteration() == 0) {
      built.initialize();
    } else {
      AgentSnapshot s = AgentSnapshot.decode(restoreBytes.toByteArray());
      restoreBytes.reset();
      if (s.iteration() != m.startIteration()) {
        throw new IllegalStateException(
            "snapshot of iteration " + s.iteration() + ", restart at " + m.startIteration());
      }
      built.restore(s.state());
      t = s.iteration();
      LinkCounters c = s.counters();
      messages = c.messages();
      payloadBytes = c.payloadBytes();
      transmissions = c.transmissions();
      wireBytes = c.wireBytes();
      drops = c.drops();
      acks = c.acks();
      LOG.info("agent {} of run {} restored at iteration {} on {}", n, runId, t, host.node());
    }
    agent = built;
    report();
    timers.startTimerWithFixedDelay(
        RETRY_TIMER, new RetryTick(), Duration.ofMillis(Math.max(1, faults.retryMs())));
    LOG.debug("agent {} of run {} started on {}", n, runId, host.node());
    if (t == iterations) {
      done = true;
      maybeFinished();
    } else {
      sendCurrent();
    }
    for (Exchange e : early) {
      accept(e);
    }
    early.clear();
    progress();
  }

  private Behavior<AgentCommand> onSubmitterGone() {
    LOG.info("agent {} of run {} stops on {}: its submitter is gone", n, runId, host.node());
    ended = true;
    return Behaviors.stopped();
  }

  private Behavior<AgentCommand> onExchange(Exchange m) {
    if (agent == null) {
      early.add(m);
      return this;
    }
    if (!m.runId().equals(runId)) {
      return this;
    }
    return guarded(
        () -> {
          accept(m);
          progress();
          maybeFinished();
        });
  }

  private void accept(Exchange m) {
    learn(m.from(), m.replyTo());
    acknowledged(m.from(), m.ackBelow(), m.ackHeld());
    long key = m.iteration() * exchanges + m.exchange();
    if (key >= currentRound()) {
      inbox.computeIfAbsent(key, x -> new HashMap<>()).putIfAbsent(m.from(), m.table());
    }
    // New or duplicate: the sender needs to hear that we hold it (its ack may have been lost).
    owed.add(m.from());
    if (!timers.isTimerActive(ACK_TIMER)) {
      // A quarter of retry_ms plus a quarter of the smoothed round trip: before the sender resends.
      Duration delay = srtt < 0 ? ackDelay : ackDelay.plusNanos(Math.max(0, srtt / 4));
      timers.startSingleTimer(ACK_TIMER, new AckTick(), delay);
    }
  }

  /** Agent {@code from} holds our tables of rounds below {@code below} and in {@code held}. */
  private void acknowledged(int from, long below, long[] held) {
    long now = System.nanoTime();
    for (Iterator<Map.Entry<PendingKey, Pending>> it = pending.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<PendingKey, Pending> e = it.next();
      PendingKey key = e.getKey();
      if (key.to() != from) {
        continue;
      }
      boolean acked = key.round() < below;
      for (int i = 0; !acked && i < held.length; i++) {
        acked = held[i] == key.round();
      }
      if (acked) {
        if (e.getValue().resends == 0) {
          // Round-trip time of tables sent once, smoothed as TCP does (RFC 6298: gains 1/8, 1/4).
          long sample = now - e.getValue().lastSent;
          if (srtt < 0) {
            srtt = sample;
            rttvar = sample / 2;
          } else {
            rttvar += (Math.abs(srtt - sample) - rttvar) / 4;
            srtt += (sample - srtt) / 8;
          }
        }
        it.remove();
      }
    }
  }

  /** The rounds at or after the current one whose table from {@code m} this agent holds. */
  private long[] heldFrom(int m) {
    return inbox.entrySet().stream()
        .filter(e -> e.getValue().containsKey(m))
        .mapToLong(Map.Entry::getKey)
        .sorted()
        .toArray();
  }

  /**
   * Our choice: resend a table after retry_ms or the TCP-style timeout (smoothed round-trip time
   * plus four deviations; 1 s before the first measurement), whichever is longer; without injected
   * drops after at least {@link #RELIABLE_FLOOR}. A round trip here includes the receiver's wait
   * for its other neighbours and the queue of large tables on the link, so on a loaded machine a
   * fixed short interval would resend most tables for nothing; and Artery's TCP links lose no
   * message between live members (a resend then only guards against a full send queue).
   */
  private long resendAfter() {
    long floor = Duration.ofMillis(faults.retryMs()).toNanos();
    if (faults.drop() == 0) {
      floor = Math.max(floor, RELIABLE_FLOOR);
    }
    long rto = srtt < 0 ? INITIAL_RTO : srtt + 4 * rttvar;
    return Math.max(floor, rto);
  }

  /** One Ack to every neighbour still owed one, covering all its tables this agent holds. */
  private void flushAcks() {
    for (int m : owed) {
      acks++;
      transmit(m, new Ack(runId, n, currentRound(), heldFrom(m), selfPath()), false);
    }
    owed.clear();
  }

  /** The transmission of a pending table to {@code m}, acknowledging m's tables on the way. */
  private Exchange exchangeTo(int m, Pending p) {
    owed.remove(m);
    return new Exchange(
        runId, n, p.iteration, p.exchange, p.table, currentRound(), heldFrom(m), selfPath());
  }

  private Behavior<AgentCommand> onAck(Ack m) {
    if (!started || !m.runId().equals(runId)) {
      return this;
    }
    return guarded(
        () -> {
          learn(m.from(), m.replyTo());
          acknowledged(m.from(), m.below(), m.held());
          maybeFinished();
        });
  }

  private Behavior<AgentCommand> onDelayedSend(DelayedSend m) {
    if (!ended) {
      ref(m.to()).tell(m.message());
    }
    return this;
  }

  private Behavior<AgentCommand> onStop(StopAgent m) {
    if (started && !m.runId().equals(runId)) {
      return this;
    }
    ended = true;
    return Behaviors.stopped();
  }

  private Behavior<AgentCommand> onPostStop() {
    if (started) {
      host.release(runId, n);
      if (!ended) {
        coordinator.tell(
            new AgentFailed(
                runId,
                n,
                host.node(),
                t,
                "agent stopped before the run ended (its node is leaving or shutting down)",
                true));
      }
    }
    return this;
  }

  private long currentRound() {
    return t * exchanges + k;
  }

  /** Sends this agent's table of the current (t, k) to every agent whose W row uses it. */
  private void sendCurrent() {
    if (k == 0) {
      w = algorithm.usesTopology() ? topology.mixing(t) : MixingMatrix.identity(agents);
      List<Integer> in = new ArrayList<>();
      List<Integer> out = new ArrayList<>();
      for (int m = 0; m < agents; m++) {
        if (m != n && w.weight(n, m) != 0) {
          in.add(m);
        }
        if (m != n && w.weight(m, n) != 0) {
          out.add(m);
        }
      }
      needed = in.stream().mapToInt(Integer::intValue).toArray();
      receivers = out.stream().mapToInt(Integer::intValue).toArray();
    }
    own = agent.send(t, k).clone();
    long now = System.nanoTime();
    for (int m : receivers) {
      Pending p = new Pending(own, t, k, now);
      messages++;
      payloadBytes += (long) own.length * Double.BYTES;
      pending.put(new PendingKey(m, currentRound()), p);
      transmit(m, exchangeTo(m, p), true);
    }
  }

  /** Completes every round whose tables have all arrived. */
  private void progress() {
    while (!done) {
      Map<Integer, double[]> got = inbox.get(currentRound());
      for (int m : needed) {
        if (got == null || !got.containsKey(m)) {
          return;
        }
      }
      double[][] in = new double[agents][];
      in[n] = own;
      for (int m : needed) {
        in[m] = got.get(m);
      }
      double[][] out = new double[agents][];
      out[n] = new double[own.length];
      algorithm.aggregation().aggregate(w, in, out, n, n + 1);
      inbox.remove(currentRound());
      agent.receive(t, k, out[n]);
      k++;
      if (k == exchanges) {
        k = 0;
        t++;
        report();
        if (checkpointEvery > 0 && t % checkpointEvery == 0 && t < iterations) {
          sendSnapshot();
        }
        if (t == iterations) {
          done = true;
          maybeFinished();
          return;
        }
      }
      sendCurrent();
    }
  }

  private void report() {
    boolean metricsRow = schedule.isMetricsRow(t);
    double[] policy = metricsRow ? agent.policy().toArray() : null;
    // an honest agent of a run with adversaries also reports its tracker and q (issue 20's drift)
    double[][] drift = metricsRow ? AdversarialAlgorithm.driftTables(agent) : null;
    coordinator.tell(
        new AgentReport(
            runId,
            n,
            host.node(),
            t,
            policy,
            agent.samples(),
            counters(),
            drift == null ? null : drift[0],
            drift == null ? null : drift[1]));
  }

  private LinkCounters counters() {
    return new LinkCounters(messages, payloadBytes, transmissions, wireBytes, drops, acks);
  }

  /** This agent's part of the coordinated checkpoint after iteration t, in pieces. */
  private void sendSnapshot() {
    // a newer checkpoint supersedes an upload still in flight (that one never completes)
    upload = new AgentSnapshot(t, agent.snapshot(), counters()).encode();
    uploadIteration = t;
    sendPiece(0);
  }

  private void sendPiece(int index) {
    coordinator.tell(
        new StateChunk(
            runId,
            n,
            uploadIteration,
            index,
            AgentSnapshot.chunks(upload.length),
            AgentSnapshot.chunk(upload, index),
            getContext().getSelf()));
  }

  /** The coordinator took a piece: the next one, one in flight at a time. */
  private Behavior<AgentCommand> onPieceStored(PieceStored m) {
    if (upload != null && m.runId().equals(runId) && m.iteration() == uploadIteration) {
      if (m.index() + 1 < AgentSnapshot.chunks(upload.length)) {
        sendPiece(m.index() + 1);
      } else {
        upload = null;
      }
    }
    return this;
  }

  private void maybeFinished() {
    if (done && pending.isEmpty() && !finishedReported) {
      finishedReported = true;
      coordinator.tell(new AgentFinished(runId, n));
    }
  }

  private void retransmit() {
    long now = System.nanoTime();
    long retry = resendAfter();
    for (Map.Entry<PendingKey, Pending> e : pending.entrySet()) {
      Pending p = e.getValue();
      // Our choice: exponential back-off (then 2x, 4x, ... up to 64x), so a receiver
      // that is only slow (a loaded machine, a long round) is not flooded with copies.
      if (now - p.lastSent >= retry << Math.min(p.resends, MAX_BACKOFF)) {
        p.lastSent = now;
        p.resends++;
        transmit(e.getKey().to(), exchangeTo(e.getKey().to(), p), true);
      }
    }
  }

  /** One transmission over the (faulty) link: maybe dropped, maybe delayed. */
  private void transmit(int to, AgentCommand message, boolean table) {
    if (table) {
      transmissions++;
    }
    if (countWire) {
      wireBytes += TableSerializer.sizeOf(message);
    }
    if (faults.drop() > 0 && faultRandom.nextDouble() < faults.drop()) {
      drops++;
      return;
    }
    long delay = faults.delayMs() > 0 ? faultRandom.nextLong(faults.delayMs() + 1) : 0;
    if (delay > 0) {
      getContext()
          .scheduleOnce(
              Duration.ofMillis(delay), getContext().getSelf(), new DelayedSend(to, message));
    } else {
      ref(to).tell(message);
    }
  }

  private RecipientRef<AgentCommand> ref(int m) {
    return refs.computeIfAbsent(m, x -> AgentSharding.ref(getContext().getSystem(), runId, x));
  }

  /**
   * Our choice: once agent {@code m} told us its actor path, tables and acks go to it directly,
   * skipping the two shard regions and the shard on the way (entities never move during a run:
   * passivation is off, and after a lost node the run restarts as a new generation of entities).
   */
  private void learn(int m, String path) {
    if (!path.isEmpty() && direct.add(m)) {
      refs.put(m, ActorRefResolver.get(getContext().getSystem()).resolveActorRef(path));
    }
  }

  private String selfPath() {
    if (selfPath == null) {
      selfPath =
          ActorRefResolver.get(getContext().getSystem())
              .toSerializationFormat(getContext().getSelf());
    }
    return selfPath;
  }

  private Behavior<AgentCommand> guarded(Runnable body) {
    if (ended) {
      return this;
    }
    try {
      body.run();
      return this;
    } catch (RuntimeException e) {
      LOG.warn("agent {} of run {} failed on {}", n, runId, host.node(), e);
      ended = true;
      if (coordinator != null) {
        coordinator.tell(
            new AgentFailed(
                runId,
                n,
                host.node(),
                t,
                host.describe(e instanceof AssemblyFailed f ? f.getCause() : e),
                false));
      }
      return Behaviors.stopped();
    }
  }

  @Override
  public String toString() {
    return "AgentEntity[" + entityId + "]";
  }
}
