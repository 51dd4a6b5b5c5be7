package org.fednpg.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.NotSerializableException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
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
import org.fednpg.cluster.internal.TableSerializer;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.run.ComponentSpec;
import org.fednpg.core.run.RunRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every cross-node message round-trips through the serializer Pekko picks for it: the control
 * messages through Jackson CBOR with the protocol version in the manifest, the hot ones (tables,
 * acknowledgements, agent reports) through the packed binary {@link TableSerializer}, tables bit
 * for bit; bytes of another format version or malformed bytes are refused with a clear error.
 */
class WireProtocolTest {

  private static ClusterNode node;
  private static Serialization serialization;

  // Signed zero, subnormals, a NaN with a payload, infinities and extremes must keep their bits.
  private static final double[] TABLE = {
    0.1,
    -0.0,
    0.0,
    Double.MIN_VALUE,
    Double.NaN,
    Double.longBitsToDouble(0x7ff0_0000_0000_0abcL),
    Double.NEGATIVE_INFINITY,
    Double.POSITIVE_INFINITY,
    1e308,
    -Math.PI
  };

  @BeforeAll
  static void start() {
    node = ClusterNode.start(Plugins.registry(), "127.0.0.1", 0, List.of());
    serialization = SerializationExtension.get(Adapter.toClassic(node.system()));
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void controlMessagesRoundTripVersionedThroughJacksonCbor() {
    ActorRef<CoordinatorEvent> ref =
        node.system().systemActorOf(Behaviors.empty(), "probe", Props.empty());
    ActorRef<AgentCommand> agentRef =
        node.system().systemActorOf(Behaviors.empty(), "agent-probe", Props.empty());
    RunRequest request = ClusterTestRuns.gridWorld(4, 3);
    RunSpec spec = RunSpec.of(request);
    List<ClusterMessage> messages =
        List.of(
            new AgentCommand.StartAgent(
                "r",
                2,
                spec,
                30,
                1,
                new LinkFaults(0.1, 5, 100, 42),
                true,
                "ab12cd",
                ref,
                5,
                10,
                3),
            new AgentCommand.StopAgent("r"),
            new CoordinatorEvent.AgentFinished("r", 1),
            new CoordinatorEvent.AgentFailed("r", 1, "127.0.0.1:2552", 3, "boom", true),
            new CoordinatorEvent.StateChunk(
                "r-g1", 4, 10, 1, 3, new byte[] {1, -2, 3, 0}, agentRef),
            new AgentCommand.PieceStored("r-g1", 10, 1),
            new CoordinatorEvent.SnapshotRequest("r-g1", 4, 10, 2, agentRef),
            new AgentCommand.RestoreChunk("r-g1", 2, new byte[] {-128, 127}));
    for (ClusterMessage m : messages) {
      Serializer s = serialization.findSerializerFor(m);
      assertThat(s.getClass().getSimpleName()).isEqualTo("JacksonCborSerializer");
      String manifest = Serializers.manifestFor(s, m);
      assertThat(manifest).isEqualTo(m.getClass().getName() + "#" + ProtocolMigration.VERSION);
      byte[] bytes = serialization.serialize(m).get();
      Object back = serialization.deserialize(bytes, s.identifier(), manifest).get();
      assertThat(back).isInstanceOf(m.getClass());
      assertThat(back).usingRecursiveComparison().isEqualTo(m);
    }
  }

  @Test
  void hotMessagesRoundTripBitForBitThroughThePackedSerializer() {
    LinkCounters counters = new LinkCounters(1, 2, 3, 4, 5, 6);
    List<ClusterMessage> messages =
        List.of(
            new AgentCommand.Exchange(
                "run-ü",
                1,
                7,
                1,
                TABLE,
                15,
                new long[] {16, 18},
                "pekko://fednpg@127.0.0.1:2552/system/sharding/fednpg-agent/1/r~1"),
            new AgentCommand.Exchange("r", 0, 0, 0, new double[0], 0, new long[0], ""),
            new AgentCommand.Ack(
                "r",
                1,
                15,
                new long[] {17},
                "pekko://fednpg@127.0.0.1:2552/system/sharding/fednpg-agent/1/r~1"),
            new AgentCommand.Ack("r", 239, Long.MAX_VALUE, new long[0], ""),
            new CoordinatorEvent.AgentReport(
                "r", 1, "127.0.0.1:2552", 3, TABLE, 9, counters, null, null),
            new CoordinatorEvent.AgentReport(
                "r", 1, "127.0.0.1:2552", 4, null, 9, counters, null, null),
            new CoordinatorEvent.AgentReport(
                "r", 2, "127.0.0.1:2553", 5, TABLE, 9, counters, TABLE, new double[] {-0.0, 1}));
    for (ClusterMessage m : messages) {
      Serializer s = serialization.findSerializerFor(m);
      assertThat(s).isInstanceOf(TableSerializer.class);
      assertThat(s.identifier()).isEqualTo(TableSerializer.IDENTIFIER);
      String manifest = Serializers.manifestFor(s, m);
      byte[] bytes = serialization.serialize(m).get();
      assertThat(bytes).hasSize(TableSerializer.sizeOf(m));
      assertThat(bytes[0]).isEqualTo(TableSerializer.VERSION);
      assertBitEqual(serialization.deserialize(bytes, s.identifier(), manifest).get(), m);

      // The ByteBuffer path Artery uses writes the same bytes and reads them back alike.
      TableSerializer t = (TableSerializer) s;
      ByteBuffer buf = ByteBuffer.allocate(bytes.length + 16);
      buf.position(5);
      t.toBinary(m, buf);
      assertThat(buf.position()).isEqualTo(5 + bytes.length);
      byte[] viaBuffer = Arrays.copyOfRange(buf.array(), 5, 5 + bytes.length);
      assertThat(viaBuffer).isEqualTo(bytes);
      buf.flip().position(5);
      assertBitEqual(fromBuffer(t, buf, manifest), m);
    }
  }

  @Test
  void linkCountersKeepTheirWireOrderAndRefuseAWrongCount() {
    LinkCounters c = new LinkCounters(1, 2, 3, 4, 5, 6);
    // the order written down in LinkCounters: messages, payload bytes, transmissions, wire bytes,
    // drops, acks (the same order as the record's components)
    assertThat(c.toLongs()).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(LinkCounters.ofLongs(c.toLongs())).isEqualTo(c);
    assertThatThrownBy(() -> LinkCounters.ofLongs(new long[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 5 numbers, expected 6");
  }

  @Test
  void tablesArePackedEightBytesPerNumber() throws NotSerializableException {
    double[] table = new double[40_000];
    Arrays.fill(table, 1.0 / 3);
    AgentCommand.Exchange e =
        new AgentCommand.Exchange("run-x", 3, 9, 1, table, 19, new long[0], "");
    // Counted by hand from the layout: version byte 1, run id 4 + 5, from 4, iteration 8, exchange
    // 4,
    // table 4 + 8·40000, ackBelow 8, ackHeld 4 + 0, replyTo 4 + 0.
    assertThat(serialization.serialize(e).get())
        .hasSize(1 + 9 + 4 + 8 + 4 + 4 + 320_000 + 8 + 4 + 4);
    // The NaN payload and the sign of zero survive (independent of the recursive comparison).
    AgentCommand.Exchange odd = new AgentCommand.Exchange("r", 0, 0, 0, TABLE, 0, new long[0], "");
    TableSerializer t = new TableSerializer();
    AgentCommand.Exchange back =
        (AgentCommand.Exchange) t.fromBinary(t.toBinary(odd), t.manifest(odd));
    assertThat(Double.doubleToRawLongBits(back.table()[5])).isEqualTo(0x7ff0_0000_0000_0abcL);
    assertThat(Double.doubleToRawLongBits(back.table()[1])).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void anotherFormatVersionIsRefusedNamingBothVersions() {
    byte[] bytes = serialization.serialize(new AgentCommand.Ack("r", 1, 2, new long[0], "")).get();
    bytes[0] = TableSerializer.VERSION + 1;
    assertThatThrownBy(() -> new TableSerializer().fromBinary(bytes, "A"))
        .isInstanceOf(NotSerializableException.class)
        .hasMessageContaining("version " + (TableSerializer.VERSION + 1))
        .hasMessageContaining("reads version " + TableSerializer.VERSION)
        .hasMessageContaining("same fednpg build");
  }

  @Test
  void malformedBytesAreRefusedWithAClearError() {
    TableSerializer t = new TableSerializer();
    byte[] good = t.toBinary(new AgentCommand.Exchange("r", 1, 2, 0, TABLE, 2, new long[] {3}, ""));
    // Truncated table.
    assertThatThrownBy(() -> t.fromBinary(Arrays.copyOf(good, good.length - 9), "X"))
        .isInstanceOf(NotSerializableException.class)
        .hasMessageContaining("malformed 'X' message");
    // Trailing garbage.
    assertThatThrownBy(() -> t.fromBinary(Arrays.copyOf(good, good.length + 3), "X"))
        .isInstanceOf(NotSerializableException.class)
        .hasMessageContaining("3 unexpected trailing bytes");
    // A length prefix claiming more than the message holds (run id of 2^31 - 1 bytes).
    byte[] huge = good.clone();
    ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putInt(1, Integer.MAX_VALUE);
    assertThatThrownBy(() -> t.fromBinary(huge, "X"))
        .isInstanceOf(NotSerializableException.class)
        .hasMessageContaining("string of 2147483647 elements");
    assertThatThrownBy(() -> t.fromBinary(new byte[0], "X"))
        .isInstanceOf(NotSerializableException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> t.fromBinary(good, "Q"))
        .isInstanceOf(NotSerializableException.class)
        .hasMessageContaining("unknown message manifest 'Q'");
  }

  private static Object fromBuffer(TableSerializer t, ByteBuffer buf, String manifest) {
    try {
      return t.fromBinary(buf, manifest);
    } catch (NotSerializableException e) {
      throw new AssertionError(e);
    }
  }

  /** Equal records, every double array compared by its raw bits. */
  private static void assertBitEqual(Object back, Object m) {
    assertThat(back).isInstanceOf(m.getClass());
    assertThat(back)
        .usingRecursiveComparison()
        .withEqualsForType((a, b) -> Arrays.equals(bits(a), bits(b)), double[].class)
        .isEqualTo(m);
  }

  private static long[] bits(double[] d) {
    if (d == null) {
      return null;
    }
    long[] b = new long[d.length];
    for (int i = 0; i < d.length; i++) {
      b[i] = Double.doubleToRawLongBits(d[i]);
    }
    return b;
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
