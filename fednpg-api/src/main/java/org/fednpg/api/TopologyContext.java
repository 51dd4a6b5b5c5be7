package org.fednpg.api;

/**
 * What a topology provider gets from the run.
 *
 * @param agents N, fixed by the environment
 * @param random the topology's node of the seed tree
 */
public record TopologyContext(int agents, RandomSource random) {}
