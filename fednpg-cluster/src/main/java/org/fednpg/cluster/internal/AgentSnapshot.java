package org.fednpg.cluster.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fednpg.api.run.AgentState;

/**
 * One agent's checkpoint for recovery from a lost node (issue 19): its {@link AgentState} after
 * iteration {@code iteration} and its link counters then, packed as bytes (version byte, iteration,
 * counters, samples, then each named table as name, length and raw IEEE doubles, in the state's
 * order). Restoring it into a freshly built agent continues the run bit for bit, counters included,
 * so the rows after a recovery equal those of an uninterrupted run.
 *
 * @param iteration completed iterations t
 * @param state the agent's {@link org.fednpg.api.run.AgentProcess#snapshot()}
 * @param counters its cumulative link counters after iteration t
 */
public record AgentSnapshot(long iteration, AgentState state, LinkCounters counters) {

  private static final byte VERSION = 1;

  /** Largest piece of a snapshot in one message (our choice: well below Artery's 1 MiB frame). */
  public static final int CHUNK_BYTES = 256 * 1024;

  /** The packed bytes. */
  public byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(iteration);
      for (long v : counters.toLongs()) {
        out.writeLong(v);
      }
      out.writeLong(state.samples());
      out.writeInt(state.tables().size());
      for (Map.Entry<String, double[]> e : state.tables().entrySet()) {
        out.writeUTF(e.getKey());
        double[] t = e.getValue();
        out.writeInt(t.length);
        for (double v : t) {
          out.writeLong(Double.doubleToRawLongBits(v));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Unpacks {@link #encode()}'s bytes.
   *
   * @throws IllegalArgumentException when the bytes are not a snapshot of this version
   */
  public static AgentSnapshot decode(byte[] packed) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(packed))) {
      int version = in.readByte();
      if (version != VERSION) {
        throw new IllegalArgumentException(
            "agent snapshot of version " + version + ", this build reads version " + VERSION);
      }
      long iteration = in.readLong();
      long[] counted = new long[LinkCounters.COUNT];
      for (int i = 0; i < counted.length; i++) {
        counted[i] = in.readLong();
      }
      LinkCounters c = LinkCounters.ofLongs(counted);
      long samples = in.readLong();
      int count = in.readInt();
      Map<String, double[]> tables = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        int length = in.readInt();
        if (length < 0 || (long) length * Double.BYTES > in.available()) {
          throw new IllegalArgumentException(
              "agent snapshot: table '" + name + "' claims " + length + " numbers, truncated");
        }
        double[] t = new double[length];
        for (int j = 0; j < length; j++) {
          t[j] = Double.longBitsToDouble(in.readLong());
        }
        tables.put(name, t);
      }
      if (in.available() != 0) {
        throw new IllegalArgumentException(
            "agent snapshot: " + in.available() + " bytes after the last table");
      }
      return new AgentSnapshot(iteration, new AgentState(tables, samples), c);
    } catch (IOException e) {
      throw new IllegalArgumentException("agent snapshot: truncated (" + e + ")", e);
    }
  }

  /** Piece {@code index} of {@code packed} cut into {@link #CHUNK_BYTES} pieces. */
  public static byte[] chunk(byte[] packed, int index) {
    int from = index * CHUNK_BYTES;
    return Arrays.copyOfRange(packed, from, Math.min(packed.length, from + CHUNK_BYTES));
  }

  /** How many pieces {@code bytes} bytes take (at least one). */
  public static int chunks(long bytes) {
    return (int) Math.max(1, (bytes + CHUNK_BYTES - 1) / CHUNK_BYTES);
  }
}
