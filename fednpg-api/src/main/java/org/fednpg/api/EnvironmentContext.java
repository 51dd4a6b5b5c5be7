package org.fednpg.api;

/**
 * What an environment provider gets from the run.
 *
 * @param random the environment's node of the seed tree
 */
public record EnvironmentContext(RandomSource random) {}
