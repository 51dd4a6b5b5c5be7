package org.fednpg.cluster;

import java.util.List;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.core.runtime.RunEngine;
import org.fednpg.core.runtime.RuntimeContext;
import org.fednpg.core.runtime.RuntimeProvider;

/**
 * Provider {@code pekko}: agents as Apache Pekko Cluster Sharding entities, on {@code nodes}
 * embedded nodes (separate actor systems talking TCP on {@code host}) or on an existing cluster
 * ({@code cluster: host:port}). Optional link faults (drop, delay) are seeded from the run's seed
 * and never change the numbers: lost tables are retransmitted until acknowledged.
 */
public final class PekkoRuntimeProvider implements RuntimeProvider {

  /** This runtime's name. */
  public static final String NAME = "pekko";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "agents as Pekko Cluster Sharding entities: embedded nodes or an existing cluster";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.optional(
            "nodes",
            ParameterType.INTEGER,
            3L,
            "embedded cluster nodes to start in this JVM when no cluster is given (1..64)"),
        ParameterSpec.optional(
            "cluster",
            ParameterType.STRING,
            null,
            "host:port of a seed node of a running cluster to submit to (no embedded nodes)"),
        ParameterSpec.optional(
            "host",
            ParameterType.STRING,
            "127.0.0.1",
            "address the embedded nodes or the submitting client bind to and are reached at"),
        ParameterSpec.optional(
            "drop",
            ParameterType.NUMBER,
            0.0,
            "probability in [0, 1) that one link transmission is lost (then retransmitted)"),
        ParameterSpec.optional(
            "delay_ms",
            ParameterType.INTEGER,
            0L,
            "each link transmission is delayed uniformly in [0, delay_ms] milliseconds"),
        ParameterSpec.optional(
            "retry_ms",
            ParameterType.INTEGER,
            100L,
            "retransmit a table not acknowledged after at least this many milliseconds (adapts to"
                + " the round trip; at least 10 s when drop is 0)"),
        ParameterSpec.optional(
            "timeout_s",
            ParameterType.INTEGER,
            60L,
            "fail when no agent makes progress for this many seconds"),
        ParameterSpec.optional(
            "checkpoint_every",
            ParameterType.INTEGER,
            0L,
            "agents send their state to the submitter (kept on its disk) after every k-th"
                + " iteration; a node lost mid-run restarts every agent from the latest one on the"
                + " live nodes (0: no checkpoints, a recovery restarts from iteration 0)"),
        ParameterSpec.optional(
            "tls",
            ParameterType.PATH,
            null,
            "folder with node.p12, trust.p12 and a password file (or $FEDNPG_TLS_PASSWORD):"
                + " mutual TLS between this process and the cluster (README, security)"),
        ParameterSpec.choice(
            "count",
            "payload",
            "messages/bytes_sent columns: payload (logical, 8 bytes per number, as inprocess) "
                + "or wire (every table transmission incl. retransmissions; serialised bytes incl. acks)",
            "payload",
            "wire"));
  }

  @Override
  public RunEngine create(Parameters p, RuntimeContext context) {
    int nodes = p.intInRange("nodes", 1, 64);
    String cluster = p.findString("cluster").map(String::trim).orElse(null);
    if (cluster != null) {
      ClusterNode.address(cluster);
    }
    double drop = p.getDouble("drop");
    if (!(drop >= 0 && drop < 1)) {
      throw p.invalid("drop", "a probability in [0, 1)");
    }
    int delay = p.intInRange("delay_ms", 0, 60_000);
    int retry = p.intInRange("retry_ms", 1, 600_000);
    int timeout = p.intInRange("timeout_s", 1, 86_400);
    int checkpointEvery = p.intInRange("checkpoint_every", 0, 1_000_000_000);
    return new PekkoRunEngine(
        new PekkoRunEngine.Settings(
            nodes,
            cluster,
            p.getString("host"),
            drop,
            delay,
            retry,
            timeout,
            "wire".equals(p.getString("count")),
            context.random().child("links").seed(),
            p.findString("tls").isPresent() ? p.getPath("tls") : null,
            checkpointEvery),
        context.registry());
  }
}
