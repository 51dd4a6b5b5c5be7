package org.fednpg.core.runtime;

import org.fednpg.api.RandomSource;

/**
 * What a runtime provider gets from the run.
 *
 * @param random the runtime's node of the seed tree (e.g. for injected faults)
 */
public record RuntimeContext(RandomSource random) {}
