package org.fednpg.experiments.plugins;

import java.util.List;
import org.fednpg.api.Environment;
import org.fednpg.api.EnvironmentContext;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;

/**
 * A provider that exists only in test sources, registered in the test resources' META-INF/services:
 * proves that a third-party jar adds a component with no change to main code. Two states, two
 * actions; action 1 moves to state 1, which pays {@code reward} per step for action 0 and is
 * absorbing. V*(state 0) = γ·reward/(1−γ) with ρ = point mass on state 0.
 */
public final class TwoStateEnvironmentProvider implements EnvironmentProvider {

  @Override
  public String name() {
    return "test-two-state";
  }

  @Override
  public String description() {
    return "test-only two-state MDP";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.optional("reward", ParameterType.NUMBER, 1.0, "reward in state 1"),
        ParameterSpec.optional("agents", ParameterType.INTEGER, 2L, "agents (identical rewards)"));
  }

  @Override
  public Environment create(Parameters p, EnvironmentContext context) {
    double r = p.getDouble("reward");
    TransitionKernel k =
        TransitionKernel.builder(2, 2)
            .add(0, 0, 0, 1)
            .add(0, 1, 1, 1)
            .add(1, 0, 1, 1)
            .add(1, 1, 1, 1)
            .build();
    RewardTable table = RewardTable.of(2, 2, new double[] {0, 0, r, 0});
    List<RewardTable> rewards =
        java.util.Collections.nCopies(p.intInRange("agents", 1, 1000), table);
    MultiTaskMdp mdp = MultiTaskMdp.of("two-state", k, 0.9, new double[] {1, 0}, rewards);
    return () -> mdp;
  }
}
