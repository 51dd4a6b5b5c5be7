package org.fednpg.core.runtime;

import java.util.List;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.Parameters;

/** Provider {@code inprocess}: every agent in this process, synchronous rounds (the default). */
public final class InProcessRuntimeProvider implements RuntimeProvider {

  /** The default runtime's name. */
  public static final String NAME = "inprocess";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "all agents in this process, synchronous exchanges, agents in parallel (default)";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of();
  }

  @Override
  public RunEngine create(Parameters parameters, RuntimeContext context) {
    return (run, request, options, listener) -> new InProcessRuntime().run(
        run.algorithm(), run.topology(), run.metrics(), options, listener);
  }
}
