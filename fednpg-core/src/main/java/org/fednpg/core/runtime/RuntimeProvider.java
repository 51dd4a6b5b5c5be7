package org.fednpg.core.runtime;

import org.fednpg.api.ComponentProvider;

/**
 * Plugin family for runtimes ({@code runtime: {type: NAME, ...}} in a spec), discovered like the
 * other families. Lives in core because engines run assembled runs, a core type.
 */
public interface RuntimeProvider extends ComponentProvider<RunEngine, RuntimeContext> {}
