package org.fednpg.cluster.internal;

/**
 * Cumulative link counters of one agent.
 *
 * @param messages logical messages: one per table per directed edge per exchange (as in-process)
 * @param payloadBytes 8 bytes per number of those tables (as in-process)
 * @param transmissions table transmissions including retransmissions and dropped ones
 * @param wireBytes serialised size of every transmission (tables and acknowledgements, see {@link
 *     TableSerializer#sizeOf}); 0 unless measured
 * @param drops transmissions (tables or acks) the fault injector dropped
 * @param acks separate acknowledgement messages sent (most acknowledgements ride on the next table
 *     to the same neighbour instead)
 */
public record LinkCounters(
    long messages, long payloadBytes, long transmissions, long wireBytes, long drops, long acks)
    implements ClusterMessage {

  /** Component-wise sum. */
  public LinkCounters plus(LinkCounters o) {
    return new LinkCounters(
        messages + o.messages,
        payloadBytes + o.payloadBytes,
        transmissions + o.transmissions,
        wireBytes + o.wireBytes,
        drops + o.drops,
        acks + o.acks);
  }

  /** Number of counters, the length of {@link #toLongs()}. */
  public static final int COUNT = 6;

  /**
   * The counters in their wire and snapshot order (messages, payload bytes, transmissions, wire
   * bytes, drops, acks): the one place that order is written down.
   */
  public long[] toLongs() {
    return new long[] {messages, payloadBytes, transmissions, wireBytes, drops, acks};
  }

  /**
   * The inverse of {@link #toLongs()}.
   *
   * @throws IllegalArgumentException unless {@code v} has {@value #COUNT} entries
   */
  public static LinkCounters ofLongs(long[] v) {
    if (v.length != COUNT) {
      throw new IllegalArgumentException(
          "link counters: got " + v.length + " numbers, expected " + COUNT);
    }
    return new LinkCounters(v[0], v[1], v[2], v[3], v[4], v[5]);
  }

  /** All zero. */
  public static LinkCounters zero() {
    return new LinkCounters(0, 0, 0, 0, 0, 0);
  }
}
