package org.fednpg.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.fednpg.api.run.AgentState;
import org.fednpg.cluster.internal.CoordinatorEvent.StateChunk;
import org.junit.jupiter.api.Test;

/** The submitter's checkpoint files and the agents' packed snapshots (issue 19, recovery). */
class CheckpointStoreTest {

  /** A state of several pieces: 2 tables of 40 000 numbers = 640 000 bytes > 2 pieces. */
  private static AgentSnapshot snapshot(long iteration, int agent) {
    SplittableRandom r = new SplittableRandom(31L * agent + iteration);
    Map<String, double[]> tables = new LinkedHashMap<>();
    double[] a = new double[40_000];
    double[] b = new double[40_000];
    for (int i = 0; i < a.length; i++) {
      a[i] = r.nextGaussian();
      b[i] = -r.nextDouble();
    }
    a[0] = Double.NaN;
    a[1] = -0.0;
    b[2] = Double.longBitsToDouble(0x7ff8_0000_dead_beefL); // a NaN with a payload
    tables.put("logpi", a);
    tables.put("tracker", b);
    return new AgentSnapshot(
        iteration, new AgentState(tables, 17L * agent), new LinkCounters(1, 2, 3, 4, 5, agent));
  }

  private static OptionalLong send(
      CheckpointStore store, String runId, AgentSnapshot s, int agent) {
    byte[] packed = s.encode();
    int count = AgentSnapshot.chunks(packed.length);
    OptionalLong done = OptionalLong.empty();
    for (int i = 0; i < count; i++) {
      done =
          store.accept(
              new StateChunk(
                  runId, agent, s.iteration(), i, count, AgentSnapshot.chunk(packed, i), null));
    }
    return done;
  }

  @Test
  void snapshotsRoundTripBitForBitThroughPieces() {
    AgentSnapshot s = snapshot(10, 3);
    byte[] packed = s.encode();
    int count = AgentSnapshot.chunks(packed.length);
    assertThat(count).isEqualTo(3); // ceil(640 000+ bytes / 262 144)
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (int i = 0; i < count; i++) {
      joined.writeBytes(AgentSnapshot.chunk(packed, i));
    }
    AgentSnapshot back = AgentSnapshot.decode(joined.toByteArray());
    assertThat(back.iteration()).isEqualTo(10);
    assertThat(back.counters()).isEqualTo(s.counters());
    assertThat(back.state().samples()).isEqualTo(51);
    assertThat(back.state().tables().keySet()).containsExactly("logpi", "tracker");
    for (String name : back.state().tables().keySet()) {
      double[] x = back.state().table(name);
      double[] y = s.state().table(name);
      for (int i = 0; i < y.length; i++) {
        assertThat(Double.doubleToRawLongBits(x[i])).isEqualTo(Double.doubleToRawLongBits(y[i]));
      }
    }
  }

  @Test
  void truncatedOrForeignBytesAreRefusedNamingTheProblem() {
    byte[] packed = snapshot(4, 0).encode();
    byte[] cut = java.util.Arrays.copyOf(packed, packed.length - 9);
    assertThatThrownBy(() -> AgentSnapshot.decode(cut))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truncated");
    byte[] other = packed.clone();
    other[0] = 9;
    assertThatThrownBy(() -> AgentSnapshot.decode(other))
        .hasMessageContaining("version 9")
        .hasMessageContaining("reads version 1");
  }

  @Test
  void aCheckpointCountsOnlyWhenEveryAgentsStateIsOnDiskAndIsConfirmed() throws Exception {
    try (CheckpointStore store = new CheckpointStore(3)) {
      Path dir = store.folder();
      store.begin("run-g0");
      assertThat(send(store, "run-g0", snapshot(5, 0), 0)).isEmpty();
      assertThat(send(store, "run-g0", snapshot(5, 2), 2)).isEmpty();
      assertThat(send(store, "run-g0", snapshot(5, 1), 1)).hasValue(5);
      // complete, but a restart uses it only once the run's thread confirms it
      assertThat(store.confirmed()).isEqualTo(-1);
      store.confirm(5);
      assertThat(store.confirmed()).isEqualTo(5);

      // The next one completes, unconfirmed: the one of 5 stays usable and on disk.
      send(store, "run-g0", snapshot(10, 1), 1);
      send(store, "run-g0", snapshot(10, 0), 0);
      assertThat(send(store, "run-g0", snapshot(10, 2), 2)).hasValue(10);
      assertThat(store.confirmed()).isEqualTo(5);
      assertThat(Files.exists(dir.resolve("t5"))).isTrue();
      // A recovery starting now freezes the store: later pieces of the old generation are dropped,
      // and it restarts from 5, whose files are still there to read.
      store.freeze();
      send(store, "run-g0", snapshot(15, 0), 0);
      assertThat(Files.exists(dir.resolve("t15"))).isFalse();
      byte[] expected = snapshot(5, 2).encode();
      ByteArrayOutputStream read = new ByteArrayOutputStream();
      for (int i = 0; i < store.pieces(2, 5); i++) {
        read.writeBytes(store.piece(2, 5, i));
      }
      assertThat(read.toByteArray()).isEqualTo(expected);
      assertThatThrownBy(() -> store.piece(2, 5, store.pieces(2, 5)))
          .hasMessageContaining("agent 2 asked for snapshot piece 3 of 3");

      // The new generation: everything but the confirmed checkpoint is forgotten; pieces of the
      // old generation are ignored; a piece out of order is dropped (nothing written) and the full
      // sequence then completes the agent's file.
      store.begin("run-g1");
      assertThat(Files.exists(dir.resolve("t10"))).isFalse();
      assertThat(Files.exists(dir.resolve("t5"))).isTrue();
      send(store, "run-g0", snapshot(15, 1), 1);
      byte[] p = snapshot(15, 0).encode();
      store.accept(new StateChunk("run-g1", 0, 15, 1, 3, AgentSnapshot.chunk(p, 1), null));
      send(store, "run-g1", snapshot(15, 1), 1);
      assertThat(send(store, "run-g1", snapshot(15, 2), 2)).isEmpty();
      assertThat(send(store, "run-g1", snapshot(15, 0), 0)).hasValue(15);
      store.confirm(15);
      assertThat(store.confirmed()).isEqualTo(15);
      assertThat(Files.exists(dir.resolve("t5"))).isFalse();
      // confirming an older or incomplete one changes nothing
      store.confirm(12);
      store.confirm(20);
      assertThat(store.confirmed()).isEqualTo(15);
    }
  }

  @Test
  void closeDeletesEverything() {
    Path dir;
    try (CheckpointStore store = new CheckpointStore(1)) {
      dir = store.folder();
      store.begin("r");
      assertThat(send(store, "r", snapshot(1, 0), 0)).hasValue(1);
      store.confirm(1);
    }
    assertThat(Files.exists(dir)).isFalse();
  }
}
