package org.fednpg.cluster.internal;

/**
 * Cumulative link counters of one agent.
 *
 * @param messages logical messages: one per table per directed edge per exchange (as in-process)
 * @param payloadBytes 8 bytes per number of those tables (as in-process)
 * @param transmissions table transmissions including retransmissions and dropped ones
 * @param wireBytes serialised (CBOR) size of every table transmission; 0 unless measured
 * @param drops transmissions (tables or acks) the fault injector dropped
 */
public record LinkCounters(
    long messages, long payloadBytes, long transmissions, long wireBytes, long drops)
    implements ClusterMessage {

  /** Component-wise sum. */
  public LinkCounters plus(LinkCounters o) {
    return new LinkCounters(
        messages + o.messages,
        payloadBytes + o.payloadBytes,
        transmissions + o.transmissions,
        wireBytes + o.wireBytes,
        drops + o.drops);
  }

  /** All zero. */
  public static LinkCounters zero() {
    return new LinkCounters(0, 0, 0, 0, 0);
  }
}
