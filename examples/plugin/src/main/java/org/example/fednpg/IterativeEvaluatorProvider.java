package org.example.fednpg;

import java.util.List;
import org.fednpg.api.EvaluationRequest;
import org.fednpg.api.EvaluatorContext;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.PolicyEvaluatorProvider;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.QEstimate;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;

/**
 * {@code iterative}: Q_τ^π by {@code sweeps} applications of the soft Bellman operator from
 * Q = 0, so ‖Q_k − Q_τ^π‖_∞ ≤ γ^k ‖Q_τ^π‖_∞ (a γ-contraction).
 */
public final class IterativeEvaluatorProvider implements PolicyEvaluatorProvider {

  @Override
  public String name() {
    return "iterative";
  }

  @Override
  public String description() {
    return "iterative policy evaluation, a fixed number of Bellman sweeps (example plugin)";
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(ParameterSpec.optional("sweeps", ParameterType.INTEGER, 300L,
        "Bellman sweeps from Q = 0, >= 1"));
  }

  @Override
  public PolicyEvaluator create(Parameters p, EvaluatorContext context) {
    int sweeps = p.intInRange("sweeps", 1, 1_000_000);
    MultiTaskMdp mdp = context.mdp();
    return request -> evaluate(mdp, request.requireShape(mdp), sweeps);
  }

  private static QEstimate evaluate(MultiTaskMdp mdp, EvaluationRequest request, int sweeps) {
    int states = mdp.states();
    int actions = mdp.actions();
    TransitionKernel k = mdp.kernel();
    RewardTable r = request.reward();
    LogPolicy pi = request.policy();
    double tau = request.tau();
    double[] q = new double[states * actions];
    double[] v = new double[states];
    for (int sweep = 0; sweep < sweeps; sweep++) {
      for (int s = 0; s < states; s++) {
        double sum = 0;
        for (int a = 0; a < actions; a++) {
          double lp = pi.logProbability(s, a);
          double prob = Math.exp(lp);
          if (prob > 0) {
            sum += prob * (q[s * actions + a] - tau * lp);
          }
        }
        v[s] = sum;
      }
      for (int s = 0; s < states; s++) {
        for (int a = 0; a < actions; a++) {
          double next = 0;
          for (int e = k.rowStart(s, a); e < k.rowEnd(s, a); e++) {
            next += k.probability(e) * v[k.next(e)];
          }
          q[s * actions + a] = r.get(s, a) + mdp.gamma() * next;
        }
      }
    }
    return QEstimate.of(states, actions, q, 0);
  }
}
