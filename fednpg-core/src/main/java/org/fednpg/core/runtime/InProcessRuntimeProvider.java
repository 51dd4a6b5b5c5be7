package org.fednpg.core.runtime;

import java.util.List;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.Parameters;
import org.fednpg.api.run.RunListener;
import org.fednpg.core.run.AssembledRun;
import org.fednpg.core.run.RunRequest;

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
    return new Engine();
  }

  /** The in-process engine: {@link InProcessRuntime}, with checkpoints. */
  private static final class Engine implements RunEngine {
    @Override
    public RunResult run(
        AssembledRun run, RunRequest request, RunOptions options, RunListener listener) {
      return run(run, request, options, listener, CheckpointPolicy.NONE);
    }

    @Override
    public boolean supportsCheckpoints() {
      return true;
    }

    @Override
    public RunResult run(
        AssembledRun run,
        RunRequest request,
        RunOptions options,
        RunListener listener,
        CheckpointPolicy checkpoints) {
      return new InProcessRuntime()
          .run(run.algorithm(), run.topology(), run.metrics(), options, listener, checkpoints);
    }
  }
}
