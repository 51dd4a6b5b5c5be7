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

  /** All zero. */
  public static LinkCounters zero() {
    return new LinkCounters(0, 0, 0, 0, 0, 0);
  }
}
