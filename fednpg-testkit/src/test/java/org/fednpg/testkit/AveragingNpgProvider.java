package org.fednpg.testkit;

import java.util.ArrayList;
import java.util.List;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.run.Algorithm;
import org.fednpg.api.run.AlgorithmContext;
import org.fednpg.api.run.AlgorithmProvider;
import org.fednpg.core.algorithms.LogPolicyAgent;

/**
 * A plugin algorithm written the short way, as a test of {@link LogPolicyAgent} and {@link
 * Algorithm#of}: each agent offers log π_n + η q_n and takes the mix as its new logits (the paper's
 * "naive" federated NPG with τ = 0, one exchange per iteration).
 */
public final class AveragingNpgProvider implements AlgorithmProvider {

  @Override
  public String name() {
    return "averaging-npg";
  }

  @Override
  public String description() {
    return "test plugin: mix log pi + eta q, one exchange";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(ParameterSpec.optional("eta", ParameterType.NUMBER, 0.1, "step size > 0"));
  }

  @Override
  public Algorithm create(Parameters p, AlgorithmContext context) {
    double eta = p.doubleAbove("eta", 0);
    MultiTaskMdp mdp = context.mdp();
    List<Agent> agents = new ArrayList<>();
    for (int n = 0; n < mdp.agents(); n++) {
      agents.add(new Agent(n, mdp, context, eta));
    }
    return Algorithm.of(agents, 1, 0.0);
  }

  /** One agent: everything but the exchange comes from {@link LogPolicyAgent}. */
  static final class Agent extends LogPolicyAgent {
    private final double eta;
    private final double[] outbox;

    Agent(int id, MultiTaskMdp mdp, AlgorithmContext context, double eta) {
      super(
          id,
          mdp.reward(id),
          context.evaluator(),
          LogPolicy.uniform(mdp.states(), mdp.actions()),
          0.0);
      this.eta = eta;
      this.outbox = new double[q.length];
    }

    @Override
    public double[] send(long iteration, int exchange) {
      for (int i = 0; i < outbox.length; i++) {
        outbox[i] = policy().logProbability(i) + eta * q[i];
      }
      return outbox;
    }

    @Override
    public void receive(long iteration, int exchange, double[] mixed) {
      updatePolicy(mixed);
      evaluate(iteration + 1);
    }
  }
}
