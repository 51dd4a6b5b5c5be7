package org.fednpg.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.fednpg.cluster.internal.AgentCommand;
import org.fednpg.cluster.internal.ClusterMessage;
import org.fednpg.cluster.internal.CoordinatorEvent;
import org.fednpg.cluster.internal.LinkCounters;
import org.fednpg.cluster.internal.LinkFaults;
import org.fednpg.cluster.internal.ProtocolMigration;
import org.fednpg.cluster.internal.RunSpec;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.run.ComponentSpec;
import org.fednpg.core.run.RunRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every cross-node message goes through Pekko's Jackson CBOR serializer, carries the protocol
 * version in its manifest and comes back equal, tables bit for bit.
 */
class WireProtocolTest {

  private static ClusterNode node;

  @BeforeAll
  static void start() {
    node = ClusterNode.start(Plugins.registry(), "127.0.0.1", 0, List.of());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void everyMessageRoundTripsVersionedThroughJacksonCbor() {
    ActorRef<CoordinatorEvent> ref =
        node.system().systemActorOf(Behaviors.empty(), "probe", Props.empty());
    RunRequest request = ClusterTestRuns.gridWorld(4, 3);
    RunSpec spec = RunSpec.of(request);
    // Tables keep signed zero, subnormals, NaN and infinities exactly.
    double[] table = {0.1, -0.0, Double.MIN_VALUE, Double.NaN, Double.NEGATIVE_INFINITY, 1e308};
    LinkCounters counters = new LinkCounters(1, 2, 3, 4, 5);
    List<ClusterMessage> messages =
        List.of(
            new AgentCommand.StartAgent(
                "r", 2, spec, 30, 1, new LinkFaults(0.1, 5, 100, 42), true, "ab12cd", ref),
            new AgentCommand.Exchange("r", 1, 7, 1, table),
            new AgentCommand.Ack("r", 1, 7, 1),
            new AgentCommand.StopAgent("r"),
            new CoordinatorEvent.AgentReport("r", 1, "127.0.0.1:2552", 3, table, 9, counters),
            new CoordinatorEvent.AgentReport("r", 1, "127.0.0.1:2552", 4, null, 9, counters),
            new CoordinatorEvent.AgentFinished("r", 1),
            new CoordinatorEvent.AgentFailed("r", 1, "127.0.0.1:2552", 3, "boom"));
    Serialization serialization = SerializationExtension.get(Adapter.toClassic(node.system()));
    for (ClusterMessage m : messages) {
      Serializer s = serialization.findSerializerFor(m);
      assertThat(s.getClass().getSimpleName()).isEqualTo("JacksonCborSerializer");
      String manifest = Serializers.manifestFor(s, m);
      assertThat(manifest).isEqualTo(m.getClass().getName() + "#" + ProtocolMigration.VERSION);
      byte[] bytes = serialization.serialize(m).get();
      Object back = serialization.deserialize(bytes, s.identifier(), manifest).get();
      assertThat(back).isInstanceOf(m.getClass());
      // Double.compare: NaN equals NaN, -0.0 differs from 0.0, otherwise exact equality.
      assertThat(back)
          .usingRecursiveComparison()
          .withComparatorForType(Double::compare, Double.class)
          .isEqualTo(m);
    }
  }

  @Test
  void runSpecKeepsParameterTypesAndValues() {
    RunRequest request =
        new RunRequest(
            11,
            null,
            ComponentSpec.of("gridworld", "size", 5L, "agents", 3, "path", "RRRRDDDD"),
            null,
            null,
            ComponentSpec.of("fednpg", "eta", 0.1, "tau", 1.0 / 3, "tracking", true),
            Path.of("some", "folder"));
    RunRequest back = RunSpec.of(request).toRequest();
    assertThat(back.seed()).isEqualTo(11);
    assertThat(back.gamma()).isNull();
    assertThat(back.topology()).isNull();
    assertThat(back.evaluator()).isNull();
    assertThat(back.environment()).isEqualTo(request.environment());
    assertThat(back.algorithm()).isEqualTo(request.algorithm());
    assertThat(back.algorithm().parameters().get("tau")).isEqualTo(1.0 / 3);
    assertThat(back.environment().parameters().get("agents")).isInstanceOf(Integer.class);
    assertThat(back.baseDirectory()).isEqualTo(Path.of("some", "folder").toAbsolutePath());
    assertThat(Map.copyOf(back.algorithm().parameters())).hasSize(3);
  }
}
