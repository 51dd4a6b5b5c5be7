package org.fednpg.cluster.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.fednpg.core.plugin.ComponentRegistry;
import org.fednpg.core.run.AssembledRun;
import org.fednpg.core.run.RunAssembler;

/**
 * The per-node side of the agents: assembles each run once per node (agents of the same run on
 * this node share the model and evaluator, exactly as in-process agents do) and forgets it when
 * the node's last agent of that run stops.
 */
public final class AgentHost {

  private final ComponentRegistry registry;
  private final String node;
  private final Map<String, AssembledRun> runs = new HashMap<>();
  private final Map<String, Set<Integer>> users = new HashMap<>();

  /**
   * @param registry providers available on this node
   * @param node this node's host:port
   */
  public AgentHost(ComponentRegistry registry, String node) {
    this.registry = registry;
    this.node = node;
  }

  /** This node's host:port. */
  public String node() {
    return node;
  }

  /** The run {@code runId} as assembled on this node, building it on first use. */
  public synchronized AssembledRun acquire(String runId, RunSpec spec, int agent) {
    AssembledRun run = runs.get(runId);
    if (run == null) {
      run = new RunAssembler(registry).assemble(spec.toRequest());
      runs.put(runId, run);
    }
    users.computeIfAbsent(runId, k -> new HashSet<>()).add(agent);
    return run;
  }

  /** Agent {@code agent} no longer needs run {@code runId}. */
  public synchronized void release(String runId, int agent) {
    Set<Integer> u = users.get(runId);
    if (u != null && u.remove(agent) && u.isEmpty()) {
      users.remove(runId);
      runs.remove(runId);
    }
  }

  /** Runs currently assembled on this node (for tests and diagnostics). */
  public synchronized int activeRuns() {
    return runs.size();
  }
}
