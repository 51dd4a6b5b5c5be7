package org.fednpg.cluster.internal;

/**
 * Faults injected on the agent-to-agent links (tables and acknowledgements), drawn from a seeded
 * stream per sending agent.
 *
 * @param drop probability that one transmission is lost, in [0, 1)
 * @param delayMs each transmission is delayed uniformly in [0, delayMs] milliseconds
 * @param retryMs unacknowledged tables are retransmitted after this many milliseconds
 * @param seed seed of the fault streams (agent n draws from child n)
 */
public record LinkFaults(double drop, long delayMs, long retryMs, long seed)
    implements ClusterMessage {}
