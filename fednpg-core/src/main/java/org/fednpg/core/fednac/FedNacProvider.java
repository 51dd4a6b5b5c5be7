package org.fednpg.core.fednac;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.run.Algorithm;
import org.fednpg.api.run.AlgorithmContext;
import org.fednpg.api.run.AlgorithmProvider;
import org.fednpg.core.algorithms.NpgProvider;
import org.fednpg.core.oracle.ValueIteration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Provider {@code fednac}: federated natural actor–critic with log-linear policies and linear
 * critics (SPEC §3, our reconstruction). It samples through the run's generative model and needs
 * no evaluator block; critic {@code exact-projection} builds an {@code exact} evaluator itself.
 * Parameters are documented in {@link #parameters()}; see {@link SampledCritic} for the
 * estimators and {@link FeatureMaps} for the features.
 */
public final class FedNacProvider implements AlgorithmProvider {

  private static final Logger LOG = LoggerFactory.getLogger(FedNacProvider.class);

  /** Default transitions per agent per iteration. */
  public static final long DEFAULT_SAMPLES = 1000;

  /** Default normalised critic step. */
  public static final double DEFAULT_CRITIC_STEP = 0.1;

  @Override
  public String name() {
    return "fednac";
  }

  @Override
  public String description() {
    return "Federated natural actor-critic: log-linear policies, sampled linear critics with "
        + "critic tracking (our reconstruction)";
  }

  @Override
  public boolean requiresEvaluator() {
    return false;
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.optional("eta", ParameterType.NUMBER, NpgProvider.DEFAULT_ETA,
            "actor step size η > 0"),
        ParameterSpec.optional("tau", ParameterType.NUMBER, 0.0,
            "entropy regularisation τ ≥ 0 (needs η ≤ (1−γ)/τ)"),
        ParameterSpec.choice("features", "onehot", "feature map φ(s,a)",
            "onehot", "random", "gridworld-coords", "file"),
        ParameterSpec.optional("dim", ParameterType.INTEGER, null,
            "feature dimension d >= 1 for features = random"),
        ParameterSpec.optional("path", ParameterType.PATH, null,
            "CSV of |S||A| rows of d numbers (row s*|A|+a) for features = file"),
        ParameterSpec.choice("critic", "montecarlo", "critic estimator",
            "montecarlo", "td", "lstd", "exact-projection"),
        ParameterSpec.optional("samples", ParameterType.INTEGER, DEFAULT_SAMPLES,
            "simulated transitions s' ~ P(.|s,a) per agent per iteration (sampled critics)"),
        ParameterSpec.optional("critic_step", ParameterType.NUMBER, DEFAULT_CRITIC_STEP,
            "normalised SGD/TD step in (0, 1]: α = critic_step / ||φ(s,a)||²"));
  }

  @Override
  public Algorithm create(Parameters parameters, AlgorithmContext context) {
    String owner = parameters.owner();
    MultiTaskMdp mdp = context.mdp();
    double eta = parameters.getDouble("eta");
    double tau = parameters.getDouble("tau");
    NpgProvider.checkStep(owner, eta, tau, mdp.gamma());
    if (context.topology() == null) {
      throw new InvalidInputException(owner + " communicates: the spec needs a topology block");
    }
    if (context.topology().agents() != mdp.agents()) {
      throw new InvalidInputException(owner + ": topology has " + context.topology().agents()
          + " agents but the environment has " + mdp.agents());
    }
    String featureName = parameters.getString("features");
    FeatureMap features = features(parameters, context);
    UniformProjection projection = new UniformProjection(features, featureName);
    String criticName = parameters.getString("critic");
    LinearCritic critic = critic(parameters, context, features, projection, tau);

    List<FedNacAgent> agents = new ArrayList<>();
    for (int n = 0; n < mdp.agents(); n++) {
      agents.add(new FedNacAgent(n, mdp.reward(n), features, critic, eta, tau, mdp.gamma()));
    }
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("variant", name());
    info.put("exchanges_per_iteration", 2);
    info.put("features", featureName);
    info.put("d", features.dimension());
    info.put("critic", criticName);
    boolean sampled = !criticName.equals("exact-projection");
    info.put("samples", sampled ? parameters.getLong("samples") : 0L);
    if (sampled) {
      info.put("critic_step", parameters.getDouble("critic_step"));
    }
    info.put("state_action_sampling", "uniform over (s,a), then on-policy");
    LOG.debug("{}: {} features (d = {}), critic {}", owner, featureName, features.dimension(),
        criticName);
    return new FedNacAlgorithm(agents, tau, info,
        () -> approximationError(mdp, tau, projection));
  }

  private static FeatureMap features(Parameters parameters, AlgorithmContext context) {
    MultiTaskMdp mdp = context.mdp();
    String name = parameters.getString("features");
    if (parameters.has("dim") && !name.equals("random")) {
      throw new InvalidInputException(parameters.owner()
          + ": parameter 'dim' only applies to features = random, not '" + name + "'");
    }
    if (parameters.has("path") && !name.equals("file")) {
      throw new InvalidInputException(parameters.owner()
          + ": parameter 'path' only applies to features = file, not '" + name + "'");
    }
    switch (name) {
      case "onehot":
        return FeatureMaps.oneHot(mdp.states(), mdp.actions());
      case "random": {
        if (!parameters.has("dim")) {
          throw new InvalidInputException(parameters.owner()
              + ": parameter 'dim' is required when features = random");
        }
        int dim = parameters.intInRange("dim", 1, Integer.MAX_VALUE);
        if ((long) dim > (long) mdp.states() * mdp.actions()) {
          throw parameters.invalid("dim", "must be <= |S|*|A| = " + mdp.states() * mdp.actions()
              + " for linearly independent features");
        }
        return FeatureMaps.random(mdp.states(), mdp.actions(), dim,
            context.random().child("features"));
      }
      case "gridworld-coords":
        return FeatureMaps.gridworldCoords(mdp.states(), mdp.actions());
      case "file":
        if (!parameters.has("path")) {
          throw new InvalidInputException(parameters.owner()
              + ": parameter 'path' is required when features = file");
        }
        return FeatureMaps.fromFile(parameters.getPath("path"), mdp.states(), mdp.actions());
      default:
        throw parameters.invalid("features", "must be one of onehot, random, gridworld-coords, file");
    }
  }

  private static LinearCritic critic(Parameters parameters, AlgorithmContext context,
      FeatureMap features, UniformProjection projection, double tau) {
    String name = parameters.getString("critic");
    if (name.equals("exact-projection")) {
      if (context.evaluators() == null) {
        throw new InvalidInputException(parameters.owner()
            + ": critic 'exact-projection' needs the run's evaluator factory (exact evaluator)");
      }
      PolicyEvaluator exact = context.evaluators().create("exact", Map.of());
      return new ProjectionCritic(exact, projection, tau);
    }
    SampledCritic.Kind kind;
    switch (name) {
      case "montecarlo":
        kind = SampledCritic.Kind.MONTECARLO;
        break;
      case "td":
        kind = SampledCritic.Kind.TD;
        break;
      case "lstd":
        kind = SampledCritic.Kind.LSTD;
        break;
      default:
        throw parameters.invalid("critic", "must be one of montecarlo, td, lstd, exact-projection");
    }
    int samples = parameters.intInRange("samples", 1, Integer.MAX_VALUE);
    double step = parameters.getDouble("critic_step");
    if (!(step > 0 && step <= 1)) {
      throw parameters.invalid("critic_step", "must be in (0, 1]");
    }
    return new SampledCritic(kind, features, context.sampler(), context.random().child("critic"),
        context.mdp().gamma(), tau, samples, step);
  }

  /**
   * The approximation floor: the uniform least-squares fit of Q_τ* (averaged reward) on the
   * features, its residual's max norm and its uniform- and ρ-weighted RMS
   * (ρ-weighted: Σ_s ρ(s) (1/|A|) Σ_a res²).
   */
  static Map<String, Object> approximationError(
      MultiTaskMdp mdp, double tau, UniformProjection projection) {
    double[] q = ValueIteration.solve(mdp, tau).q();
    double[] res = projection.residual(q);
    int actions = mdp.actions();
    double max = 0;
    double sumUniform = 0;
    double sumRho = 0;
    for (int sa = 0; sa < res.length; sa++) {
      double r2 = res[sa] * res[sa];
      max = Math.max(max, Math.abs(res[sa]));
      sumUniform += r2;
      sumRho += mdp.initial(sa / actions) * r2 / actions;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("target", "Q_tau* of the averaged reward");
    out.put("weighting", "uniform over (s,a)");
    out.put("max_abs", max);
    out.put("rms_uniform", Math.sqrt(sumUniform / res.length));
    out.put("rms_rho", Math.sqrt(sumRho));
    return out;
  }
}
