package org.fednpg.core.runtime;

import java.util.Objects;
import org.fednpg.api.RandomSource;
import org.fednpg.core.plugin.ComponentRegistry;

/**
 * What a runtime provider gets from the run.
 *
 * @param random the runtime's node of the seed tree (e.g. for injected faults)
 * @param registry the registry the run was assembled from (plugin jars included): a runtime that
 *     rebuilds the run elsewhere, e.g. on embedded cluster nodes, uses this one
 */
public record RuntimeContext(RandomSource random, ComponentRegistry registry) {

  public RuntimeContext {
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(registry, "registry");
  }
}
