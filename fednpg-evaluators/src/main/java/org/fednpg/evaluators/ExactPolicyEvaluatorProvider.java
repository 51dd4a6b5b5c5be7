package org.fednpg.evaluators;

import java.util.List;
import org.fednpg.api.EvaluatorContext;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.Parameters;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.PolicyEvaluatorProvider;
import org.fednpg.api.model.TransitionKernel;

/** Provider of {@code exact}: {@link ExactPolicyEvaluator}; no parameters. */
public final class ExactPolicyEvaluatorProvider implements PolicyEvaluatorProvider {

  @Override
  public String name() {
    return "exact";
  }

  @Override
  public String description() {
    return "exact Q by a sparse linear solve on the model (block back-substitution over SCCs)";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of();
  }

  /**
   * An evaluator on the run's solver for the model's kernel: the agents' evaluator, the metrics and
   * any nested exact evaluator of the same run share one {@link BellmanSolver}.
   */
  @Override
  public PolicyEvaluator create(Parameters parameters, EvaluatorContext context) {
    TransitionKernel kernel = context.mdp().kernel();
    BellmanSolver solver =
        context
            .scope()
            .shared(new SolverKey(kernel), BellmanSolver.class, () -> new BellmanSolver(kernel));
    return new ExactPolicyEvaluator(context.mdp(), solver);
  }

  /** Identifies a kernel by identity (a value comparison would hash the whole kernel). */
  private static final class SolverKey {
    private final TransitionKernel kernel;

    SolverKey(TransitionKernel kernel) {
      this.kernel = kernel;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof SolverKey k && k.kernel == kernel;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(kernel);
    }
  }
}
