package org.fednpg.testkit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.fednpg.api.EvaluatorContext;
import org.fednpg.api.EvaluatorFactory;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.Parameters;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.PolicyEvaluatorProvider;
import org.fednpg.api.RandomSource;
import org.fednpg.api.model.KernelSampler;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.QEstimate;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;
import org.fednpg.testing.DenseSolve;

/**
 * Test fixtures written independently of the code under test: a registry-like factory over the
 * {@link ServiceLoader}, contexts, a dense Gaussian-elimination policy evaluation and a (soft)
 * value iteration for Q_τ*. (The evaluators module keeps an identical internal copy for its own
 * tests: it sits below this kit in the build.)
 */
public final class EvaluatorFixtures {

  private EvaluatorFixtures() {}

  /** Providers found on the class path, by name. */
  public static Map<String, PolicyEvaluatorProvider> providers() {
    Map<String, PolicyEvaluatorProvider> map = new HashMap<>();
    for (PolicyEvaluatorProvider p : ServiceLoader.load(PolicyEvaluatorProvider.class)) {
      map.put(p.name(), p);
    }
    return map;
  }

  /** A context whose factory builds registered evaluators on the same context. */
  public static EvaluatorContext context(MultiTaskMdp mdp, long seed, double tau) {
    Map<String, PolicyEvaluatorProvider> providers = providers();
    EvaluatorContext[] self = new EvaluatorContext[1];
    EvaluatorFactory factory =
        (type, raw) -> {
          PolicyEvaluatorProvider p = providers.get(type);
          if (p == null) {
            throw new InvalidInputException("unknown evaluator '" + type + "'");
          }
          Parameters params =
              Parameters.resolve(
                  "evaluator '" + type + "'", p.parameters(), raw, java.nio.file.Path.of("."));
          return p.create(params, self[0]);
        };
    Supplier<QEstimate> optimal = () -> optimalQ(mdp, mdp.averagedReward(), tau);
    self[0] =
        new EvaluatorContext(mdp, new KernelSampler(mdp), RandomSource.of(seed), factory, optimal);
    return self[0];
  }

  /** Builds evaluator {@code type} with raw parameters on a context. */
  public static PolicyEvaluator create(EvaluatorContext context, String type, Map<String, ?> raw) {
    return context.evaluators().create(type, raw);
  }

  /** A random softmax policy with logits N(0, scale²). */
  public static LogPolicy randomPolicy(long seed, int states, int actions, double scale) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] logits = new double[states * actions];
    for (int i = 0; i < logits.length; i++) {
      logits[i] = scale * rng.nextGaussian();
    }
    return LogPolicy.fromLogits(states, actions, logits);
  }

  /** Dense P_π (row-major |S|×|S|). */
  public static double[] densePolicyKernel(TransitionKernel kernel, LogPolicy policy) {
    int n = kernel.states();
    double[] p = new double[n * n];
    for (int s = 0; s < n; s++) {
      for (int a = 0; a < kernel.actions(); a++) {
        double pi = policy.probability(s, a);
        for (int k = kernel.rowStart(s, a); k < kernel.rowEnd(s, a); k++) {
          p[s * n + kernel.next(k)] += pi * kernel.probability(k);
        }
      }
    }
    return p;
  }

  /** b(s) = Σ_a π(a|s) (r(s,a) − τ log π(a|s)). */
  public static double[] softReward(RewardTable reward, LogPolicy policy, double tau) {
    double[] b = new double[reward.states()];
    for (int s = 0; s < b.length; s++) {
      for (int a = 0; a < reward.actions(); a++) {
        b[s] += policy.probability(s, a) * (reward.get(s, a) - tau * policy.logProbability(s, a));
      }
    }
    return b;
  }

  /** V_τ^π by dense Gaussian elimination with partial pivoting on (I − γP_π) V = b. */
  public static double[] denseValues(
      MultiTaskMdp mdp, RewardTable reward, LogPolicy policy, double tau) {
    int n = mdp.states();
    double[] p = densePolicyKernel(mdp.kernel(), policy);
    double[] b = softReward(reward, policy, tau);
    double[][] augmented = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        augmented[i][j] = (i == j ? 1 : 0) - mdp.gamma() * p[i * n + j];
      }
      augmented[i][n] = b[i];
    }
    return DenseSolve.augmented(augmented);
  }

  /** Q = r + γ P V. */
  public static double[] qFromValues(MultiTaskMdp mdp, RewardTable reward, double[] v) {
    TransitionKernel k = mdp.kernel();
    double[] q = new double[mdp.states() * mdp.actions()];
    for (int s = 0; s < mdp.states(); s++) {
      for (int a = 0; a < mdp.actions(); a++) {
        double acc = 0;
        for (int e = k.rowStart(s, a); e < k.rowEnd(s, a); e++) {
          acc += k.probability(e) * v[k.next(e)];
        }
        q[s * mdp.actions() + a] = reward.get(s, a) + mdp.gamma() * acc;
      }
    }
    return q;
  }

  /** Dense reference Q_τ^π. */
  public static double[] denseQ(
      MultiTaskMdp mdp, RewardTable reward, LogPolicy policy, double tau) {
    return qFromValues(mdp, reward, denseValues(mdp, reward, policy, tau));
  }

  /** Scaled residual ‖(I − γP_π)V − b‖_∞ / max(1, ‖b‖_∞), computed densely. */
  public static double scaledResidual(
      MultiTaskMdp mdp, RewardTable reward, LogPolicy policy, double tau, double[] v) {
    int n = mdp.states();
    double[] p = densePolicyKernel(mdp.kernel(), policy);
    double[] b = softReward(reward, policy, tau);
    double res = 0;
    double bn = 1;
    for (int s = 0; s < n; s++) {
      double acc = 0;
      for (int t = 0; t < n; t++) {
        acc += p[s * n + t] * v[t];
      }
      res = Math.max(res, Math.abs(v[s] - mdp.gamma() * acc - b[s]));
      bn = Math.max(bn, Math.abs(b[s]));
    }
    return res / bn;
  }

  /** Q_τ* by (soft) value iteration to ‖ΔV‖_∞ < 1e-13 (SPEC §5). */
  public static QEstimate optimalQ(MultiTaskMdp mdp, RewardTable reward, double tau) {
    int n = mdp.states();
    int na = mdp.actions();
    double[] v = new double[n];
    double[] q = new double[n * na];
    for (int iter = 0; iter < 1_000_000; iter++) {
      q = qFromValues(mdp, reward, v);
      double delta = 0;
      for (int s = 0; s < n; s++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < na; a++) {
          max = Math.max(max, q[s * na + a]);
        }
        double nv = max;
        if (tau > 0) {
          double sum = 0;
          for (int a = 0; a < na; a++) {
            sum += Math.exp((q[s * na + a] - max) / tau);
          }
          nv = max + tau * Math.log(sum);
        }
        delta = Math.max(delta, Math.abs(nv - v[s]));
        v[s] = nv;
      }
      if (delta < 1e-13) {
        break;
      }
    }
    return QEstimate.of(n, na, qFromValues(mdp, reward, v), 0);
  }

  /** ‖x − y‖_∞. */
  public static double maxDiff(double[] x, double[] y) {
    double d = 0;
    for (int i = 0; i < x.length; i++) {
      d = Math.max(d, Math.abs(x[i] - y[i]));
    }
    return d;
  }

  /** One-agent MDP from a kernel and a reward. */
  public static MultiTaskMdp mdp(TransitionKernel kernel, double gamma, RewardTable reward) {
    return MultiTaskMdp.of("test", kernel, gamma, null, List.of(reward));
  }
}
