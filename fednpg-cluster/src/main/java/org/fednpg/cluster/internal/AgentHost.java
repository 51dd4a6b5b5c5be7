package org.fednpg.cluster.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.fednpg.core.plugin.ComponentRegistry;
import org.fednpg.core.run.AssembledRun;
import org.fednpg.core.run.RunAssembler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-node side of the agents: assembles the shared part of each run once per node (kernel,
 * topology, evaluator: agents of the same run on this node share them, exactly as in-process agents
 * do), then each hosted agent alone when it starts (its reward, policy and tracking state; never
 * other agents' rewards, the oracle or the metrics, see {@link RunAssembler#assembleForNode}), and
 * forgets the run when the node's last agent of that run stops.
 *
 * <p>Assembly runs on its own daemon thread, never on an agent's thread and never under a lock
 * shared between runs, and is bounded by a timeout: a run whose files cannot be read (or take too
 * long) fails alone, its thread is interrupted, and later runs are not held up. On a node with a
 * {@link DataFolder} the spec's files are read only through it, and failures are reported to the
 * submitter without their messages unless they are {@link SafeMessage}s (a parse error may quote
 * the file it parsed).
 */
public final class AgentHost {

  private static final Logger LOG = LoggerFactory.getLogger(AgentHost.class);

  /** Default bound on assembling one run on a node (our choice). */
  public static final Duration DEFAULT_ASSEMBLY_TIMEOUT = Duration.ofSeconds(120);

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ComponentRegistry registry;
  private final String node;
  private final DataFolder data;
  private final Duration assemblyTimeout;
  private final ExecutorService builders =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "fednpg-assembly-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
  private final Map<String, Build> runs = new HashMap<>();
  private final Set<Integer> built = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private static final class Build {
    final CompletableFuture<RunAssembler.NodeAssembly> result = new CompletableFuture<>();
    final Set<Integer> users = new HashSet<>();
    final Map<Integer, CompletableFuture<AssembledRun>> agents = new HashMap<>();
    Future<?> task;
    volatile DataFolder.Prepared prepared;
  }

  /**
   * A host that assembles runs from the spec's own folder (embedded nodes in the submitting JVM:
   * the submitter's files, the submitter's trust).
   *
   * @param registry providers available on this node
   * @param node this node's host:port
   */
  public AgentHost(ComponentRegistry registry, String node) {
    this(registry, node, null, DEFAULT_ASSEMBLY_TIMEOUT);
  }

  /**
   * @param registry providers available on this node
   * @param node this node's host:port
   * @param data where spec paths may point (null: the spec's own folder, trusted)
   * @param assemblyTimeout bound on building one run
   */
  public AgentHost(
      ComponentRegistry registry, String node, DataFolder data, Duration assemblyTimeout) {
    this.registry = registry;
    this.node = node;
    this.data = data;
    this.assemblyTimeout = assemblyTimeout;
  }

  /** This node's host:port. */
  public String node() {
    return node;
  }

  /**
   * The run {@code runId} as assembled on this node, building it on first use on a thread of its
   * own; completes exceptionally after the assembly timeout.
   */
  public synchronized CompletionStage<AssembledRun> acquire(String runId, RunSpec spec, int agent) {
    Build b = runs.get(runId);
    if (b == null) {
      Build build = new Build();
      b = build;
      runs.put(runId, build);
      build.task =
          builders.submit(
              () -> {
                try {
                  build.result.complete(assemble(spec, build));
                } catch (Throwable t) {
                  build.result.completeExceptionally(t);
                }
              });
      build
          .result
          .orTimeout(assemblyTimeout.toMillis(), TimeUnit.MILLISECONDS)
          .whenComplete(
              (r, e) -> {
                if (e instanceof TimeoutException) {
                  build.task.cancel(true);
                }
              });
    }
    b.users.add(agent);
    Build build = b;
    // node-local assembly (issue 19): the shared part once per node, then this agent alone
    return b.agents.computeIfAbsent(
        agent,
        n ->
            build
                .result
                .thenApplyAsync(
                    node -> {
                      try {
                        AssembledRun run = node.agent(n);
                        built.add(n);
                        return run;
                      } catch (RuntimeException e) {
                        throw build.prepared == null
                            ? e
                            : new BuildFailed(build.prepared.files(), e);
                      }
                    },
                    builders)
                .orTimeout(assemblyTimeout.toMillis(), TimeUnit.MILLISECONDS));
  }

  private RunAssembler.NodeAssembly assemble(RunSpec spec, Build build) {
    if (data == null) {
      return new RunAssembler(registry).assembleForNode(spec.toRequest());
    }
    DataFolder.Prepared prepared = data.prepare(spec, registry, node);
    build.prepared = prepared;
    try {
      return new RunAssembler(registry).assembleForNode(prepared.spec().toRequest());
    } catch (RuntimeException e) {
      throw new BuildFailed(prepared.files(), e);
    }
  }

  /** Assembly from the node's files failed; the cause's message stays on the node. */
  private static final class BuildFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final List<String> files;

    BuildFailed(List<String> files, RuntimeException cause) {
      super(cause);
      this.files = files;
    }
  }

  /** Agent {@code agent} no longer needs run {@code runId}. */
  public synchronized void release(String runId, int agent) {
    Build b = runs.get(runId);
    if (b != null && b.users.remove(agent) && b.users.isEmpty()) {
      runs.remove(runId);
      if (!b.result.isDone()) {
        b.task.cancel(true);
        b.result.cancel(false);
      }
      // the snapshot of the node's files lives as long as agents of the run may still read them
      Build done = b;
      b.result.whenComplete((r, e) -> deleteSnapshot(done));
    }
  }

  private void deleteSnapshot(Build b) {
    DataFolder.Prepared p = b.prepared;
    if (p != null) {
      try {
        DataFolder.delete(p.snapshot());
      } catch (RuntimeException e) {
        LOG.warn("node {}: cannot delete a run's snapshot of its files", node, e);
      }
    }
  }

  /** The agent indices this node has built so far, over all runs (for tests and diagnostics). */
  public Set<Integer> builtAgents() {
    return Set.copyOf(built);
  }

  /** Runs currently held on this node (for tests and diagnostics). */
  public synchronized int activeRuns() {
    return runs.size();
  }

  /**
   * How a failure on this node is reported to the submitter. On a node with a data folder only
   * {@link SafeMessage}s keep their message; anything else is named by its type and the files the
   * run was built from, and logged here in full.
   */
  public String describe(Throwable e) {
    Throwable t = unwrap(e);
    if (t instanceof TimeoutException) {
      return "node "
          + node
          + " could not build the run within "
          + assemblyTimeout.toSeconds()
          + " s; its assembly was interrupted";
    }
    if (data == null) {
      return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
    if (t instanceof SafeMessage) {
      return t.getMessage();
    }
    LOG.info(
        "failure on node {} reported to the submitter without its message (logged above)", node);
    if (t instanceof BuildFailed b) {
      return "node "
          + node
          + " could not build the run from its files "
          + b.files
          + ": "
          + b.getCause().getClass().getSimpleName()
          + " (message withheld: it may quote the"
          + " node's files; see the node's log)";
    }
    return t.getClass().getSimpleName()
        + " on node "
        + node
        + " (message withheld: it may quote the node's files; see the node's log)";
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
