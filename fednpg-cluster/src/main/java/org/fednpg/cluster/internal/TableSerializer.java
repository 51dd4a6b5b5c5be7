package org.fednpg.cluster.internal;

import java.io.NotSerializableException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.pekko.serialization.ByteBufferSerializer;
import org.apache.pekko.serialization.SerializerWithStringManifest;
import org.fednpg.cluster.internal.AgentCommand.Ack;
import org.fednpg.cluster.internal.AgentCommand.Exchange;
import org.fednpg.cluster.internal.CoordinatorEvent.AgentReport;

/**
 * The packed binary wire format of the hot messages: {@link Exchange} (one table per neighbour per
 * round), {@link Ack} and {@link AgentReport} (the policy on metrics iterations). Tables travel as
 * raw little-endian IEEE 754 doubles ({@link Double#doubleToRawLongBits}: bit for bit, NaN payloads
 * and signed zeros included), 8 bytes per number, instead of one CBOR item per number. The rare
 * control messages (start, stop, failures, the spec) stay on Jackson CBOR.
 *
 * <p>Every message starts with the format version byte {@link #VERSION}; a member reading another
 * version (a different fednpg build) refuses the message with an exception naming both versions.
 * Bound in {@code fednpg-cluster.conf} as serializer {@code fednpg-tables} with the fixed
 * identifier {@link #IDENTIFIER}. Layout (our choice), after the version byte: strings as an int
 * byte count then UTF-8; arrays as an int length (-1 for null) then the elements; see {@link
 * #sizeOf} for the exact sizes.
 */
public final class TableSerializer extends SerializerWithStringManifest
    implements ByteBufferSerializer {

  /** The serializer identifier every member registers (fixed; Pekko reserves 0..40). */
  public static final int IDENTIFIER = 190_419;

  /** The wire format version this build writes and reads. */
  public static final byte VERSION = 2;

  static final String EXCHANGE = "X";
  static final String ACK = "A";
  static final String REPORT = "R";

  private static final int LINK_COUNTERS = LinkCounters.COUNT * Long.BYTES;

  /** Pekko instantiates serializers reflectively. */
  public TableSerializer() {}

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public String manifest(Object o) {
    if (o instanceof Exchange) {
      return EXCHANGE;
    }
    if (o instanceof Ack) {
      return ACK;
    }
    if (o instanceof AgentReport) {
      return REPORT;
    }
    throw new IllegalArgumentException("fednpg-tables cannot serialise " + o.getClass().getName());
  }

  /** The exact serialised size of {@code o} in bytes (what {@code count: wire} reports). */
  public static int sizeOf(Object o) {
    if (o instanceof Exchange e) {
      return 1
          + str(e.runId())
          + 4
          + 8
          + 4
          + doubles(e.table())
          + 8
          + longs(e.ackHeld())
          + str(e.replyTo());
    }
    if (o instanceof Ack a) {
      return 1 + str(a.runId()) + 4 + 8 + longs(a.held()) + str(a.replyTo());
    }
    if (o instanceof AgentReport r) {
      return 1
          + str(r.runId())
          + 4
          + str(r.node())
          + 8
          + doubles(r.logPolicy())
          + 8
          + LINK_COUNTERS
          + doubles(r.tracker())
          + doubles(r.q());
    }
    throw new IllegalArgumentException("fednpg-tables cannot serialise " + o.getClass().getName());
  }

  @Override
  public byte[] toBinary(Object o) {
    ByteBuffer buf = ByteBuffer.allocate(sizeOf(o));
    toBinary(o, buf);
    return buf.array();
  }

  @Override
  public void toBinary(Object o, ByteBuffer buf) {
    ByteOrder order = buf.order();
    buf.order(ByteOrder.LITTLE_ENDIAN);
    try {
      buf.put(VERSION);
      if (o instanceof Exchange e) {
        putString(buf, e.runId());
        buf.putInt(e.from());
        buf.putLong(e.iteration());
        buf.putInt(e.exchange());
        putDoubles(buf, e.table());
        buf.putLong(e.ackBelow());
        putLongs(buf, e.ackHeld());
        putString(buf, e.replyTo());
      } else if (o instanceof Ack a) {
        putString(buf, a.runId());
        buf.putInt(a.from());
        buf.putLong(a.below());
        putLongs(buf, a.held());
        putString(buf, a.replyTo());
      } else if (o instanceof AgentReport r) {
        putString(buf, r.runId());
        buf.putInt(r.agent());
        putString(buf, r.node());
        buf.putLong(r.iteration());
        putDoubles(buf, r.logPolicy());
        buf.putLong(r.samples());
        for (long v : r.counters().toLongs()) {
          buf.putLong(v);
        }
        putDoubles(buf, r.tracker());
        putDoubles(buf, r.q());
      } else {
        throw new IllegalArgumentException(
            "fednpg-tables cannot serialise " + o.getClass().getName());
      }
    } finally {
      buf.order(order);
    }
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    return fromBinary(ByteBuffer.wrap(bytes), manifest);
  }

  @Override
  public Object fromBinary(ByteBuffer buf, String manifest) throws NotSerializableException {
    ByteOrder order = buf.order();
    buf.order(ByteOrder.LITTLE_ENDIAN);
    int start = buf.position();
    try {
      if (!buf.hasRemaining()) {
        throw new NotSerializableException("fednpg-tables: empty '" + manifest + "' message");
      }
      byte version = buf.get();
      if (version != VERSION) {
        throw new NotSerializableException(
            "fednpg-tables: a '"
                + manifest
                + "' message in wire format version "
                + version
                + ", this member reads version "
                + VERSION
                + "; every cluster member needs the same fednpg build");
      }
      Object out =
          switch (manifest) {
            case EXCHANGE ->
                new Exchange(
                    getString(buf),
                    buf.getInt(),
                    buf.getLong(),
                    buf.getInt(),
                    getDoubles(buf, false),
                    buf.getLong(),
                    getLongs(buf),
                    getString(buf));
            case ACK ->
                new Ack(getString(buf), buf.getInt(), buf.getLong(), getLongs(buf), getString(buf));
            case REPORT ->
                new AgentReport(
                    getString(buf),
                    buf.getInt(),
                    getString(buf),
                    buf.getLong(),
                    getDoubles(buf, true),
                    buf.getLong(),
                    getCounters(buf),
                    getDoubles(buf, true),
                    getDoubles(buf, true));
            default ->
                throw new NotSerializableException(
                    "fednpg-tables: unknown message manifest '"
                        + manifest
                        + "' (expected X, A or R); every cluster member needs the same fednpg"
                        + " build");
          };
      if (buf.hasRemaining()) {
        throw new NotSerializableException(
            "fednpg-tables: "
                + buf.remaining()
                + " unexpected trailing bytes after a '"
                + manifest
                + "' message of "
                + (buf.position() - start)
                + " bytes");
      }
      return out;
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new NotSerializableException(
          "fednpg-tables: malformed '"
              + manifest
              + "' message ("
              + (buf.limit() - start)
              + " bytes): "
              + (e.getMessage() == null ? "truncated" : e.getMessage()));
    } finally {
      buf.order(order);
    }
  }

  private static int str(String s) {
    return 4 + s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static int doubles(double[] d) {
    return 4 + (d == null ? 0 : d.length * Double.BYTES);
  }

  private static int longs(long[] l) {
    return 4 + (l == null ? 0 : l.length * Long.BYTES);
  }

  private static void putString(ByteBuffer buf, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    buf.putInt(b.length);
    buf.put(b);
  }

  private static String getString(ByteBuffer buf) {
    int n = length(buf, 1, "string");
    byte[] b = new byte[n];
    buf.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void putDoubles(ByteBuffer buf, double[] d) {
    if (d == null) {
      buf.putInt(-1);
      return;
    }
    buf.putInt(d.length);
    // Bulk copy through a view: raw bits, little-endian, no per-number branching.
    buf.asDoubleBuffer().put(d);
    buf.position(buf.position() + d.length * Double.BYTES);
  }

  private static double[] getDoubles(ByteBuffer buf, boolean nullable) {
    if (nullable && buf.remaining() >= 4 && buf.getInt(buf.position()) == -1) {
      buf.getInt();
      return null;
    }
    int n = length(buf, Double.BYTES, "table");
    double[] d = new double[n];
    buf.asDoubleBuffer().get(d);
    buf.position(buf.position() + n * Double.BYTES);
    return d;
  }

  private static void putLongs(ByteBuffer buf, long[] l) {
    buf.putInt(l.length);
    for (long x : l) {
      buf.putLong(x);
    }
  }

  /** The {@value LinkCounters#COUNT} counters, without a length prefix. */
  private static LinkCounters getCounters(ByteBuffer buf) {
    long[] v = new long[LinkCounters.COUNT];
    for (int i = 0; i < v.length; i++) {
      v[i] = buf.getLong();
    }
    return LinkCounters.ofLongs(v);
  }

  private static long[] getLongs(ByteBuffer buf) {
    int n = length(buf, Long.BYTES, "round list");
    long[] l = new long[n];
    for (int i = 0; i < n; i++) {
      l[i] = buf.getLong();
    }
    return l;
  }

  /** Reads a length prefix and checks that many elements of {@code width} bytes follow. */
  private static int length(ByteBuffer buf, int width, String what) {
    int n = buf.getInt();
    if (n < 0 || (long) n * width > buf.remaining()) {
      throw new IllegalArgumentException(
          what + " of " + n + " elements but " + buf.remaining() + " bytes left");
    }
    return n;
  }
}
