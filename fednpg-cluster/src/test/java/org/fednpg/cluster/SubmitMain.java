package org.fednpg.cluster;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.run.RunRequest;
import org.fednpg.core.runtime.RunOptions;

/**
 * A submitter in its own JVM (so its heap can be capped): {@code java SubmitMain SEED-HOST:PORT K N
 * ITERATIONS METRICS-EVERY OUT} runs {@link ClusterTestRuns#gridWorld} on the cluster as {@code
 * fednpg run} does with {@code runtime: {type: pekko, cluster: ...}} (the experimenter's view only:
 * model, oracle, metrics) and writes one line per row, {@code iteration value gap consensus} with
 * every double in full ({@link Double#toString}), to OUT.
 */
public final class SubmitMain {

  private SubmitMain() {}

  public static void main(String[] args) throws Exception {
    RunRequest request =
        ClusterTestRuns.gridWorld(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    RunOptions options = new RunOptions(Integer.parseInt(args[3]), Integer.parseInt(args[4]), 1);
    // wait for the three nodes, so the agents spread over all of them
    try (ClusterNode observer =
        ClusterNode.start(
            Plugins.registry(),
            "127.0.0.1",
            0,
            List.of(args[0]),
            ClusterNode.CLIENT_ROLE,
            ConfigFactory.empty())) {
      observer.awaitUp(3, Duration.ofSeconds(120));
    }
    StringBuilder out = new StringBuilder();
    long start = System.nanoTime();
    // retry_ms (our choice for these tests): Artery over loopback TCP loses no message, so the
    // link-level retransmission (meant for injected drops) is pushed out of the way
    ClusterTestRuns.pekko(Map.of("cluster", args[0], "timeout_s", 300L, "retry_ms", 600000L))
        .run(
            ClusterTestRuns.assembleForMetrics(request),
            request,
            options,
            row ->
                out.append(row.iteration())
                    .append(' ')
                    .append(row.value())
                    .append(' ')
                    .append(row.optimalityGap())
                    .append(' ')
                    .append(row.consensus())
                    .append('\n'));
    out.append("elapsed_ms ").append((System.nanoTime() - start) / 1_000_000).append('\n');
    Files.writeString(Path.of(args[5]), out);
    System.exit(0);
  }
}
