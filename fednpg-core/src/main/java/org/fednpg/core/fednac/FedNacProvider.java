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
 * Provider {@code fednac}: federated natural actor–critic with log-linear policies f_ξ(a|s) ∝
 * exp(φ(s,a)ᵀξ) and linear critics. Two variants:
 *
 * <ul>
 *   <li>{@code variant: paper} (the default): the paper's FedNAC, Algorithms 3–5 of PAPER.md §3 — a
 *       fresh critic per iteration (w̃₀ = 0, K plain SGD steps with step β on samples of the
 *       Q-sampler, the averaged iterate as output), h^(−1) = w^(−1) = 0, h^(t) = W(h^(t−1) + w^(t)
 *       − w^(t−1)), ξ^(t+1) = W(ξ^(t) + α h^(t)); τ = 0. Parameters {@code alpha}, {@code
 *       features}, {@code critic: {type: sgd, steps, beta, nu}}. The run's {@code theory} block
 *       holds the constants of Theorem E.10 ({@link FedNacTheory}).
 *   <li>{@code variant: ours}: our reconstruction from before the paper's text was available (SPEC
 *       §3; warm-started critics, normalised critic step, h^(0) = w^(0), entropy factor in the
 *       actor). Parameters {@code eta}, {@code tau}, {@code features}, {@code critic: {type:
 *       montecarlo | td | lstd, samples, step}} or {@code critic: exact-projection}; see {@link
 *       SampledCritic}.
 * </ul>
 *
 * {@code features} and {@code critic} are nested blocks: the spec parser hands {@code features:
 * {type: random, dim: 8}} over as {@code features} = random and {@code features.dim} = 8. The flat
 * keys of before ({@code dim}, {@code path}, {@code samples}, {@code critic_step}, {@code
 * critic_steps}, {@code beta}, {@code nu}) are deprecated aliases. Parameters of one variant are
 * refused in the other. It samples through the run's generative model and needs no evaluator block;
 * critic {@code exact-projection} builds an {@code exact} evaluator itself. See {@link FeatureMaps}
 * for the features.
 */
public final class FedNacProvider implements AlgorithmProvider {

  private static final Logger LOG = LoggerFactory.getLogger(FedNacProvider.class);

  /** Default transitions per agent per iteration ({@code variant: ours}). */
  public static final long DEFAULT_SAMPLES = 1000;

  /** Default normalised critic step ({@code variant: ours}). */
  public static final double DEFAULT_CRITIC_STEP = 0.1;

  /** Default critic SGD steps K per agent per iteration ({@code variant: paper}; our choice). */
  public static final int DEFAULT_CRITIC_STEPS = 1000;

  /**
   * A value of a choice parameter. Each choice parameter has one enum of these: its constants are
   * the accepted values (in {@link #parameters()}), and the code switches on the constant, so a new
   * choice is one new constant.
   */
  private interface Choice {
    /** The value as written in a spec. */
    String label();
  }

  /** The variants and the parameters only each accepts. */
  enum Variant implements Choice {
    PAPER(
        "paper",
        List.of("alpha", "critic.steps", "critic.beta", "critic.nu", "critic_steps", "beta", "nu")),
    OURS("ours", List.of("eta", "critic.samples", "critic.step", "samples", "critic_step"));

    private final String label;
    private final List<String> only;

    Variant(String label, List<String> only) {
      this.label = label;
      this.only = only;
    }

    @Override
    public String label() {
      return label;
    }
  }

  /** The feature maps φ and the one extra parameter each needs (null: none). */
  enum Features implements Choice {
    ONEHOT("onehot", null),
    RANDOM("random", "features.dim"),
    GRIDWORLD_COORDS("gridworld-coords", null),
    FILE("file", "features.path");

    private final String label;
    private final String needs;

    Features(String label, String needs) {
      this.label = label;
      this.needs = needs;
    }

    @Override
    public String label() {
      return label;
    }

    /** The feature map that takes parameter {@code key}. */
    static Features taking(String key) {
      for (Features f : values()) {
        if (key.equals(f.needs)) {
          return f;
        }
      }
      throw new IllegalArgumentException(key);
    }
  }

  /**
   * The critics, the variant each belongs to and the keys of its nested block ({@code critic:
   * {type: montecarlo, samples: 200, step: 0.1}}); {@code kind} is null for the critics that do not
   * sample transitions by themselves.
   */
  enum Critic implements Choice {
    MONTECARLO("montecarlo", SampledCritic.Kind.MONTECARLO, Variant.OURS, "samples", "step"),
    TD("td", SampledCritic.Kind.TD, Variant.OURS, "samples", "step"),
    LSTD("lstd", SampledCritic.Kind.LSTD, Variant.OURS, "samples", "step"),
    EXACT_PROJECTION("exact-projection", null, Variant.OURS),
    /** The paper's Algorithms 4-5: fresh SGD from 0 on Q-sampler draws, averaged iterate. */
    SGD("sgd", null, Variant.PAPER, "steps", "beta", "nu");

    private final String label;
    private final SampledCritic.Kind kind;
    private final Variant variant;
    private final List<String> keys;

    Critic(String label, SampledCritic.Kind kind, Variant variant, String... keys) {
      this.label = label;
      this.kind = kind;
      this.variant = variant;
      this.keys = List.of(keys);
    }

    /** The critic a variant uses when the spec names none. */
    static Critic defaultOf(Variant variant) {
      return variant == Variant.PAPER ? SGD : MONTECARLO;
    }

    @Override
    public String label() {
      return label;
    }
  }

  /** The initial state-action laws ν of {@code variant: paper}. */
  enum NuChoice implements Choice {
    UNIFORM("uniform", PaperCritic.Nu.UNIFORM),
    RHO_POLICY("rho-policy", PaperCritic.Nu.RHO_POLICY);

    private final String label;
    private final PaperCritic.Nu nu;

    NuChoice(String label, PaperCritic.Nu nu) {
      this.label = label;
      this.nu = nu;
    }

    @Override
    public String label() {
      return label;
    }
  }

  /** The accepted values of a choice parameter, in declaration order. */
  private static <E extends Enum<E> & Choice> String[] labels(Class<E> type) {
    E[] all = type.getEnumConstants();
    String[] out = new String[all.length];
    for (int i = 0; i < all.length; i++) {
      out[i] = all[i].label();
    }
    return out;
  }

  /**
   * The constant written for {@code key}, or {@code fallback} when absent. The value was checked
   * against {@link #labels} by {@link Parameters#resolve}, so no other value arrives here.
   */
  private static <E extends Enum<E> & Choice> E choice(
      Parameters parameters, String key, Class<E> type, E fallback) {
    if (!parameters.has(key)) {
      return fallback;
    }
    String value = parameters.getString(key);
    for (E e : type.getEnumConstants()) {
      if (e.label().equals(value)) {
        return e;
      }
    }
    throw parameters.invalid(key, "must be one of " + String.join(", ", labels(type)));
  }

  /**
   * The flat keys from before {@code features} and {@code critic} became nested blocks, each with
   * the nested key it stands for; still accepted, with one warning per run naming the new form.
   */
  private static final Map<String, String> DEPRECATED = deprecated();

  private static Map<String, String> deprecated() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("dim", "features.dim");
    m.put("path", "features.path");
    m.put("samples", "critic.samples");
    m.put("critic_step", "critic.step");
    m.put("critic_steps", "critic.steps");
    m.put("beta", "critic.beta");
    m.put("nu", "critic.nu");
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * The key a nested parameter was given under: its deprecated flat alias when the spec used that,
   * else its nested name (so errors name the key as written).
   */
  private static String key(Parameters parameters, String nested) {
    for (Map.Entry<String, String> e : DEPRECATED.entrySet()) {
      if (e.getValue().equals(nested) && parameters.has(e.getKey())) {
        return e.getKey();
      }
    }
    return nested;
  }

  /**
   * Refuses a parameter given both ways and logs one warning (per run: providers build one
   * algorithm per run) naming the nested blocks to write instead of the deprecated flat keys.
   */
  private static void checkDeprecated(Parameters parameters, Critic critic) {
    Map<String, Map<String, Object>> blocks = new LinkedHashMap<>();
    List<String> used = new ArrayList<>();
    for (Map.Entry<String, String> e : DEPRECATED.entrySet()) {
      if (!parameters.has(e.getKey())) {
        continue;
      }
      if (parameters.has(e.getValue())) {
        throw new InvalidInputException(
            parameters.owner()
                + ": parameter '"
                + e.getKey()
                + "' is the deprecated form of '"
                + e.getValue()
                + "'; give only one");
      }
      used.add(e.getKey());
      String[] parts = e.getValue().split("\\.", 2);
      blocks
          .computeIfAbsent(
              parts[0],
              k -> {
                Map<String, Object> b = new LinkedHashMap<>();
                b.put(
                    "type",
                    k.equals("features") ? parameters.getString("features") : critic.label());
                return b;
              })
          .put(parts[1], parameters.asMap().get(e.getKey()));
    }
    if (!used.isEmpty()) {
      List<String> form = new ArrayList<>();
      blocks.forEach((k, b) -> form.add(k + ": " + b.toString().replace("=", ": ")));
      LOG.warn(
          "{}: deprecated flat parameter(s) {}; write {} instead",
          parameters.owner(),
          String.join(", ", used),
          String.join(", ", form));
    }
  }

  @Override
  public String name() {
    return "fednac";
  }

  @Override
  public String description() {
    return "Federated natural actor-critic, log-linear policies and linear critics; variant "
        + "paper (default): the paper's Algorithms 3-5 (fresh SGD critic on Q-sampler draws, "
        + "tau = 0), variant ours: our earlier reconstruction (warm-started critics, entropy)";
  }

  @Override
  public boolean requiresEvaluator() {
    return false;
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.choice(
            "variant",
            Variant.PAPER.label(),
            "paper = Algorithms 3-5 of the "
                + "paper; ours = our reconstruction (warm-started, normalised critics; entropy factor)",
            labels(Variant.class)),
        ParameterSpec.optional(
            "alpha",
            ParameterType.NUMBER,
            null,
            "paper: actor step α > 0 (default 0.1/(1−γ), the FedNPG step η = 0.1; our choice)"),
        ParameterSpec.optional(
            "eta",
            ParameterType.NUMBER,
            null,
            "ours: actor step size η > 0 (default " + NpgProvider.DEFAULT_ETA + ")"),
        ParameterSpec.optional(
            "tau",
            ParameterType.NUMBER,
            0.0,
            "entropy regularisation τ ≥ 0 (ours: needs η ≤ (1−γ)/τ; paper: must be 0)"),
        ParameterSpec.choice(
            "features",
            Features.ONEHOT.label(),
            "feature map φ(s,a): a " + "name, or a block {type: NAME, ...} with the keys below",
            labels(Features.class)),
        ParameterSpec.optional(
            "features.dim",
            ParameterType.INTEGER,
            null,
            "feature dimension d >= 1: features: {type: "
                + Features.taking("features.dim").label()
                + ", dim: d}"),
        ParameterSpec.optional(
            "features.path",
            ParameterType.PATH,
            null,
            "CSV of |S||A| rows of d numbers (row s*|A|+a): features: {type: "
                + Features.taking("features.path").label()
                + ", path: FILE}"),
        ParameterSpec.choice(
            "critic",
            null,
            "critic: a name, or a block {type: NAME, ...} "
                + "with the keys below; paper: "
                + Critic.defaultOf(Variant.PAPER).label()
                + " (the default, Algorithms 4-5); ours: the others (default "
                + Critic.defaultOf(Variant.OURS).label()
                + ")",
            labels(Critic.class)),
        ParameterSpec.optional(
            "critic.samples",
            ParameterType.INTEGER,
            null,
            "ours, sampled critics: simulated transitions s' ~ P(.|s,a) per agent per iteration "
                + "(default "
                + DEFAULT_SAMPLES
                + ")"),
        ParameterSpec.optional(
            "critic.step",
            ParameterType.NUMBER,
            null,
            "ours, sampled critics: normalised SGD/TD step in (0, 1]: "
                + "α = step / ||φ(s,a)||² (default "
                + DEFAULT_CRITIC_STEP
                + ")"),
        ParameterSpec.optional(
            "critic.steps",
            ParameterType.INTEGER,
            null,
            "paper (critic sgd): SGD steps K >= 1, one Q-sampler draw each (default "
                + DEFAULT_CRITIC_STEPS
                + "; our choice)"),
        ParameterSpec.optional(
            "critic.beta",
            ParameterType.NUMBER,
            null,
            "paper (critic sgd): SGD step β > 0 (default 1/(2 C_φ²), the proof's; our choice)"),
        ParameterSpec.choice(
            "critic.nu",
            null,
            "paper (critic sgd): initial state-action law "
                + "ν: uniform over S×A (default; our choice) or rho-policy (s ~ ρ, a ~ π)",
            labels(NuChoice.class)),
        deprecatedSpec("dim", ParameterType.INTEGER),
        deprecatedSpec("path", ParameterType.PATH),
        deprecatedSpec("samples", ParameterType.INTEGER),
        deprecatedSpec("critic_step", ParameterType.NUMBER),
        deprecatedSpec("critic_steps", ParameterType.INTEGER),
        deprecatedSpec("beta", ParameterType.NUMBER),
        ParameterSpec.choice(
            "nu",
            null,
            "deprecated: write critic: {type: " + Critic.SGD.label() + ", nu: ...}",
            labels(NuChoice.class)));
  }

  private static ParameterSpec deprecatedSpec(String flat, ParameterType type) {
    String nested = DEPRECATED.get(flat);
    String[] parts = nested.split("\\.", 2);
    return ParameterSpec.optional(
        flat, type, null, "deprecated: write " + parts[0] + ": {type: ..., " + parts[1] + ": ...}");
  }

  @Override
  public Algorithm create(Parameters parameters, AlgorithmContext context) {
    String owner = parameters.owner();
    MultiTaskMdp mdp = context.mdp();
    Variant variant = choice(parameters, "variant", Variant.class, Variant.PAPER);
    boolean paper = variant == Variant.PAPER;
    for (Variant other : Variant.values()) {
      for (String key : other == variant ? List.<String>of() : other.only) {
        if (parameters.has(key)) {
          throw new InvalidInputException(
              owner
                  + ": parameter '"
                  + key
                  + "' belongs to variant '"
                  + other.label()
                  + "', but the variant is '"
                  + variant.label()
                  + "'"
                  + (paper ? " (the default)" : ""));
        }
      }
    }
    Critic critic = choice(parameters, "critic", Critic.class, Critic.defaultOf(variant));
    if (critic.variant != variant) {
      throw new InvalidInputException(
          owner
              + ": critic '"
              + critic.label()
              + "' belongs to "
              + "variant '"
              + critic.variant.label()
              + "', but the variant is '"
              + variant.label()
              + "'"
              + (paper ? " (the default)" : ""));
    }
    for (String k : parameters.asMap().keySet()) {
      if (k.startsWith("critic.") && !critic.keys.contains(k.substring("critic.".length()))) {
        throw new InvalidInputException(
            owner
                + ": parameter '"
                + k
                + "' does not apply to "
                + "critic '"
                + critic.label()
                + "' (its keys: "
                + (critic.keys.isEmpty() ? "none" : String.join(", ", critic.keys))
                + ")");
      }
    }
    checkDeprecated(parameters, critic);
    if (context.topology() == null) {
      throw new InvalidInputException(owner + " communicates: the spec needs a topology block");
    }
    if (context.topology().agents() != mdp.agents()) {
      throw new InvalidInputException(
          owner
              + ": topology has "
              + context.topology().agents()
              + " agents but the environment has "
              + mdp.agents());
    }
    return paper ? createPaper(parameters, context) : createOurs(parameters, context, critic);
  }

  private Algorithm createOurs(
      Parameters parameters, AlgorithmContext context, Critic criticChoice) {
    String owner = parameters.owner();
    MultiTaskMdp mdp = context.mdp();
    double eta = parameters.has("eta") ? parameters.getDouble("eta") : NpgProvider.DEFAULT_ETA;
    double tau = parameters.getDouble("tau");
    NpgProvider.checkStep(owner, eta, tau, mdp.gamma());
    String featureName = parameters.getString("features");
    FeatureMap features = features(parameters, context);
    UniformProjection projection = new UniformProjection(features, featureName);
    String criticName = criticChoice.label();
    LinearCritic critic = critic(parameters, context, features, projection, tau, criticChoice);

    List<FedNacAgent> agents = new ArrayList<>();
    for (int n = 0; n < mdp.agents(); n++) {
      agents.add(new FedNacAgent(n, mdp.reward(n), features, critic, eta, tau, mdp.gamma()));
    }
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("variant", "ours");
    info.put("exchanges_per_iteration", 2);
    info.put("eta", eta);
    info.put("features", featureName);
    info.put("d", features.dimension());
    info.put("critic", criticName);
    boolean sampled = criticChoice.kind != null;
    String samples = key(parameters, "critic.samples");
    info.put(
        "samples",
        sampled ? (parameters.has(samples) ? parameters.getLong(samples) : DEFAULT_SAMPLES) : 0L);
    if (sampled) {
      info.put("critic_step", criticStep(parameters));
    }
    info.put("state_action_sampling", "uniform over (s,a), then on-policy");
    LOG.debug(
        "{}: variant ours, {} features (d = {}), critic {}",
        owner,
        featureName,
        features.dimension(),
        criticName);
    return new FedNacAlgorithm(agents, tau, info, () -> approximationError(mdp, tau, projection));
  }

  private Algorithm createPaper(Parameters parameters, AlgorithmContext context) {
    String owner = parameters.owner();
    MultiTaskMdp mdp = context.mdp();
    double gamma = mdp.gamma();
    double tau = parameters.getDouble("tau");
    if (tau != 0) {
      throw parameters.invalid(
          "tau",
          "must be 0 for variant 'paper' (the paper's FedNAC is "
              + "unregularised); use variant 'ours' for τ > 0");
    }
    String featureName = parameters.getString("features");
    FeatureMap features = features(parameters, context);
    UniformProjection projection = new UniformProjection(features, featureName);
    NuChoice nuChoice =
        choice(parameters, key(parameters, "critic.nu"), NuChoice.class, NuChoice.UNIFORM);
    String nuName = nuChoice.label();
    PaperCritic.Nu nu = nuChoice.nu;
    double[] nuWeights = initialNu(mdp, nu);
    FedNacTheory theory = FedNacTheory.of(features, nuWeights, gamma, context.topology().sigma());
    double alpha =
        parameters.has("alpha")
            ? parameters.getDouble("alpha")
            : NpgProvider.DEFAULT_ETA / (1 - gamma);
    if (!(alpha > 0 && Double.isFinite(alpha))) {
      throw parameters.invalid("alpha", "must be a finite number > 0");
    }
    String betaKey = key(parameters, "critic.beta");
    double beta = parameters.has(betaKey) ? parameters.getDouble(betaKey) : theory.betaProof();
    if (!(beta > 0 && Double.isFinite(beta))) {
      throw parameters.invalid(betaKey, "must be a finite number > 0");
    }
    String stepsKey = key(parameters, "critic.steps");
    int steps =
        parameters.has(stepsKey)
            ? parameters.intInRange(stepsKey, 1, Integer.MAX_VALUE)
            : DEFAULT_CRITIC_STEPS;
    PaperCritic critic =
        new PaperCritic(
            features, context.sampler(), context.random().child("critic"), gamma, beta, steps, nu);
    return paper(
        mdp,
        features,
        critic::fit,
        alpha,
        featureName,
        projection,
        theory,
        Map.of("beta", beta, "critic_steps", steps, "nu", nuName),
        owner);
  }

  /**
   * Assembles the paper variant around any critic (the provider's {@link PaperCritic}, or an exact
   * critic in tests).
   */
  static FedNacPaperAlgorithm paper(
      MultiTaskMdp mdp,
      FeatureMap features,
      FedNacPaperAgent.Critic critic,
      double alpha,
      String featureName,
      UniformProjection projection,
      FedNacTheory theory,
      Map<String, Object> criticInfo,
      String owner) {
    List<FedNacPaperAgent> agents = new ArrayList<>();
    for (int n = 0; n < mdp.agents(); n++) {
      agents.add(new FedNacPaperAgent(n, mdp.reward(n), features, critic, alpha));
    }
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("variant", "paper");
    info.put("exchanges_per_iteration", 2);
    info.put("alpha", alpha);
    info.put("features", featureName);
    info.put("d", features.dimension());
    info.put("critic", "paper (Algorithms 4-5: fresh SGD from 0, averaged iterate)");
    info.putAll(new java.util.TreeMap<>(criticInfo));
    Map<String, Object> t = new LinkedHashMap<>(theory.toMap());
    t.put("alpha", alpha);
    if (Double.isNaN(theory.alpha1())) {
      t.put("alpha_over_alpha1", null);
    } else {
      double ratio = alpha / theory.alpha1();
      t.put("alpha_over_alpha1", Double.isFinite(ratio) ? ratio : null);
      if (theory.alpha1() <= 0) {
        LOG.warn(
            "{}: mu = {}: E_nu[phi phi^T] is singular, so Assumption 4.1 fails and the "
                + "theorem's alpha1 is 0; alpha = {} is not covered by Theorem E.10",
            owner,
            theory.mu(),
            alpha);
      } else if (alpha > theory.alpha1()) {
        LOG.warn(
            "{}: alpha = {} exceeds the theorem's alpha1 = {} (Theorem E.10) by a factor "
                + "of {}; the convergence guarantee does not cover this run",
            owner,
            alpha,
            theory.alpha1(),
            Double.isFinite(ratio) ? String.format("%.3g", ratio) : "infinity");
      }
    }
    Object beta = criticInfo.get("beta");
    if (beta instanceof Double b) {
      t.put("beta", b);
    }
    LOG.debug(
        "{}: variant paper, {} features (d = {}), {}",
        owner,
        featureName,
        features.dimension(),
        criticInfo);
    return new FedNacPaperAlgorithm(agents, info, t, () -> approximationError(mdp, 0, projection));
  }

  /**
   * ν as weights over flat S×A: uniform, or ρ(s)π^(0)(a|s) with the initial policy ξ^(0) = 0, which
   * is uniform (for rho-policy ν changes with π; the theory block uses π^(0), our choice).
   */
  static double[] initialNu(MultiTaskMdp mdp, PaperCritic.Nu nu) {
    int actions = mdp.actions();
    double[] w = new double[mdp.states() * actions];
    for (int sa = 0; sa < w.length; sa++) {
      w[sa] = nu == PaperCritic.Nu.UNIFORM ? 1.0 / w.length : mdp.initial(sa / actions) / actions;
    }
    return w;
  }

  private static double criticStep(Parameters parameters) {
    String key = key(parameters, "critic.step");
    double step = parameters.has(key) ? parameters.getDouble(key) : DEFAULT_CRITIC_STEP;
    if (!(step > 0 && step <= 1)) {
      throw parameters.invalid(key, "must be in (0, 1]");
    }
    return step;
  }

  private static FeatureMap features(Parameters parameters, AlgorithmContext context) {
    MultiTaskMdp mdp = context.mdp();
    Features chosen = choice(parameters, "features", Features.class, Features.ONEHOT);
    for (Features f : Features.values()) {
      if (f.needs != null && f != chosen && parameters.has(key(parameters, f.needs))) {
        throw new InvalidInputException(
            parameters.owner()
                + ": parameter '"
                + key(parameters, f.needs)
                + "' only applies to features = "
                + f.label()
                + ", not '"
                + chosen.label()
                + "'");
      }
    }
    if (chosen.needs != null && !parameters.has(key(parameters, chosen.needs))) {
      String flat =
          DEPRECATED.entrySet().stream()
              .filter(e -> e.getValue().equals(chosen.needs))
              .map(Map.Entry::getKey)
              .findFirst()
              .orElseThrow();
      throw new InvalidInputException(
          parameters.owner()
              + ": parameter '"
              + chosen.needs
              + "' (deprecated flat form '"
              + flat
              + "') is required when features = "
              + chosen.label());
    }
    switch (chosen) {
      case ONEHOT:
        return FeatureMaps.oneHot(mdp.states(), mdp.actions());
      case RANDOM:
        {
          String dimKey = key(parameters, "features.dim");
          int dim = parameters.intInRange(dimKey, 1, Integer.MAX_VALUE);
          if ((long) dim > (long) mdp.states() * mdp.actions()) {
            throw parameters.invalid(
                dimKey,
                "must be <= |S|*|A| = "
                    + mdp.states() * mdp.actions()
                    + " for linearly independent features");
          }
          return FeatureMaps.random(
              mdp.states(), mdp.actions(), dim, context.random().child("features"));
        }
      case GRIDWORLD_COORDS:
        return FeatureMaps.gridworldCoords(mdp.states(), mdp.actions());
      case FILE:
        return FeatureMaps.fromFile(
            parameters.getPath(key(parameters, "features.path")), mdp.states(), mdp.actions());
      default:
        throw new AssertionError(chosen);
    }
  }

  private static LinearCritic critic(
      Parameters parameters,
      AlgorithmContext context,
      FeatureMap features,
      UniformProjection projection,
      double tau,
      Critic choice) {
    if (choice.kind == null) {
      if (context.evaluators() == null) {
        throw new InvalidInputException(
            parameters.owner()
                + ": critic '"
                + choice.label()
                + "' needs the run's evaluator factory (exact evaluator)");
      }
      PolicyEvaluator exact = context.evaluators().create("exact", Map.of());
      return new ProjectionCritic(exact, projection, tau);
    }
    String samplesKey = key(parameters, "critic.samples");
    int samples =
        parameters.has(samplesKey)
            ? parameters.intInRange(samplesKey, 1, Integer.MAX_VALUE)
            : (int) DEFAULT_SAMPLES;
    double step = criticStep(parameters);
    return new SampledCritic(
        choice.kind,
        features,
        context.sampler(),
        context.random().child("critic"),
        context.mdp().gamma(),
        tau,
        samples,
        step);
  }

  /**
   * The approximation floor: the uniform least-squares fit of Q_τ* (averaged reward) on the
   * features, its residual's max norm and its uniform- and ρ-weighted RMS (ρ-weighted: Σ_s ρ(s)
   * (1/|A|) Σ_a res²).
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
