package org.fednpg.core.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.fednpg.api.Environment;
import org.fednpg.api.EnvironmentContext;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.EvaluatorContext;
import org.fednpg.api.EvaluatorFactory;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.Parameters;
import org.fednpg.api.PolicyEvaluator;
import org.fednpg.api.PolicyEvaluatorProvider;
import org.fednpg.api.RandomSource;
import org.fednpg.api.RunScope;
import org.fednpg.api.Topology;
import org.fednpg.api.TopologyContext;
import org.fednpg.api.TopologyProvider;
import org.fednpg.api.model.GenerativeModel;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.QEstimate;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.run.AgentProcess;
import org.fednpg.api.run.Algorithm;
import org.fednpg.api.run.AlgorithmContext;
import org.fednpg.api.run.AlgorithmProvider;
import org.fednpg.core.metrics.MetricsCalculator;
import org.fednpg.core.oracle.OptimalSolution;
import org.fednpg.core.oracle.ValueIteration;
import org.fednpg.core.plugin.ComponentRegistry;
import org.fednpg.core.plugin.ComponentRegistry.Family;
import org.fednpg.core.robust.AdversarialAgent;
import org.fednpg.core.robust.AdversarialAlgorithm;
import org.fednpg.core.robust.AdversarySpec;
import org.fednpg.core.robust.Attack;

/**
 * Builds an {@link AssembledRun} from a {@link RunRequest}. Seeds: the environment, topology,
 * evaluator, algorithm and metrics each get their own child of the master seed, so changing one
 * component never shifts another's random stream.
 */
public final class RunAssembler {

  /** The evaluator used for metrics and when a spec names none. */
  public static final String EXACT = "exact";

  private final ComponentRegistry registry;

  public RunAssembler(ComponentRegistry registry) {
    this.registry = registry;
  }

  public AssembledRun assemble(RunRequest request) {
    RandomSource root = RandomSource.of(request.seed());
    Map<String, Parameters> resolved = new LinkedHashMap<>();

    EnvironmentProvider envProvider = registry.environment(request.environment().type());
    Parameters envParams = resolve(Family.ENVIRONMENT, envProvider, request.environment(), request);
    resolved.put(Family.ENVIRONMENT.label(), envParams);
    Environment environment =
        envProvider.create(envParams, new EnvironmentContext(root.child("environment")));
    MultiTaskMdp mdp = environment.mdp();
    if (request.gamma() != null) {
      mdp = mdp.withGamma(request.gamma());
    }
    GenerativeModel sampler = environment.generativeModel();

    AlgorithmProvider algProvider = registry.algorithm(request.algorithm().type());
    Parameters algParams = resolve(Family.ALGORITHM, algProvider, request.algorithm(), request);
    resolved.put(Family.ALGORITHM.label(), algParams);
    double tau = algParams.has("tau") ? algParams.getDouble("tau") : 0.0;

    Topology topology = null;
    if (request.topology() != null) {
      TopologyProvider topProvider = registry.topology(request.topology().type());
      Parameters topParams = resolve(Family.TOPOLOGY, topProvider, request.topology(), request);
      resolved.put(Family.TOPOLOGY.label(), topParams);
      topology =
          topProvider.create(topParams, new TopologyContext(mdp.agents(), root.child("topology")));
      if (topology.agents() != mdp.agents()) {
        throw new InvalidInputException(
            "topology '"
                + request.topology().type()
                + "' has "
                + topology.agents()
                + " agents but the environment has "
                + mdp.agents());
      }
    }

    final MultiTaskMdp model = mdp;
    Supplier<OptimalSolution> optimum = memoize(() -> ValueIteration.solve(model, tau));
    Supplier<QEstimate> optimalQ =
        memoize(() -> QEstimate.of(model.states(), model.actions(), optimum.get().q(), 0));
    // one scope per run: the exact evaluators of agents, metrics and critics share one solver
    RunScope scope = new RunScope();
    EvaluatorFactory[] factory = new EvaluatorFactory[1];
    factory[0] =
        (type, params) -> {
          PolicyEvaluatorProvider p = registry.evaluator(type);
          Parameters ps =
              ComponentRegistry.parameters(Family.EVALUATOR, p, params, request.baseDirectory());
          return p.create(
              ps,
              new EvaluatorContext(
                  model,
                  sampler,
                  root.child("evaluator").child(type),
                  factory[0],
                  optimalQ,
                  scope));
        };

    PolicyEvaluator evaluator = null;
    ComponentSpec evalSpec = request.evaluator();
    if (evalSpec == null && algProvider.requiresEvaluator()) {
      evalSpec = ComponentSpec.of(EXACT);
    }
    if (evalSpec != null) {
      PolicyEvaluatorProvider p = registry.evaluator(evalSpec.type());
      Parameters ps = resolve(Family.EVALUATOR, p, evalSpec, request);
      resolved.put(Family.EVALUATOR.label(), ps);
      evaluator =
          p.create(
              ps,
              new EvaluatorContext(
                  model, sampler, root.child("evaluator"), factory[0], optimalQ, scope));
    }

    Algorithm algorithm =
        algProvider.create(
            algParams,
            new AlgorithmContext(
                model, sampler, topology, evaluator, root.child("algorithm"), factory[0]));
    if (algorithm.usesTopology() && topology == null) {
      throw new InvalidInputException(
          "algorithm '" + algProvider.name() + "' communicates: the spec needs a topology block");
    }

    int[] honest = null;
    AdversarialAlgorithm adversarial = null;
    MultiTaskMdp scored = model;
    OptimalSolution target;
    if (request.adversary() != null) {
      AdversarySpec adv = request.adversary();
      if (!algorithm.usesTopology()) {
        throw new InvalidInputException(
            "adversary: algorithm '"
                + algProvider.name()
                + "' does not communicate, so it has no agents to corrupt");
      }
      int n = algorithm.agents().size();
      RandomSource seeds = root.child("adversary");
      int[] bad = adv.resolve(n, seeds);
      Algorithm liars = null;
      if (adv.kind() == Attack.LIE_Q) {
        if (algorithm.exchangesPerIteration() < 2) {
          throw new InvalidInputException(
              "adversary: attack 'lie-q' needs an algorithm with a "
                  + "tracking exchange; '"
                  + algProvider.name()
                  + "' has "
                  + algorithm.exchangesPerIteration()
                  + " exchange per iteration");
        }
        // Our choice: the lie is the negated reward; agent n of this copy holds only −r_n.
        List<RewardTable> negated = new ArrayList<>();
        for (RewardTable r : model.rewards()) {
          double[] v = r.toArray();
          for (int i = 0; i < v.length; i++) {
            v[i] = -v[i];
          }
          negated.add(RewardTable.of(r.states(), r.actions(), v));
        }
        liars =
            algProvider.create(
                algParams,
                new AlgorithmContext(
                    model.withRewards(negated),
                    sampler,
                    topology,
                    evaluator,
                    root.child("algorithm"),
                    factory[0]));
      }
      List<AgentProcess> agents = new ArrayList<>(algorithm.agents());
      for (int id : bad) {
        agents.set(
            id,
            new AdversarialAgent(
                agents.get(id),
                liars == null ? null : liars.agents().get(id),
                adv,
                seeds.child("noise").child(id)));
      }
      honest = new int[n - bad.length];
      List<RewardTable> honestRewards = new ArrayList<>();
      for (int m = 0, h = 0; m < n; m++) {
        if (Arrays.binarySearch(bad, m) < 0) {
          honest[h++] = m;
          honestRewards.add(model.reward(m));
        }
      }
      adversarial = new AdversarialAlgorithm(algorithm, agents, bad, adv);
      algorithm = adversarial;
      scored = model.withRewards(honestRewards);
      target = ValueIteration.solve(scored, tau);
    } else {
      target = optimum.get();
    }

    PolicyEvaluatorProvider exactProvider = registry.evaluator(EXACT);
    PolicyEvaluator exact =
        exactProvider.create(
            ComponentRegistry.parameters(
                Family.EVALUATOR, exactProvider, Map.of(), request.baseDirectory()),
            new EvaluatorContext(
                model, sampler, root.child("metrics"), factory[0], optimalQ, scope));
    MetricsCalculator metrics =
        new MetricsCalculator(
            scored,
            exact,
            tau,
            target,
            honest,
            adversarial == null ? null : adversarial::honestTrackingDrift);
    return new AssembledRun(
        environment, model, topology, evaluator, algorithm, target, metrics, resolved);
  }

  private Parameters resolve(
      Family family,
      org.fednpg.api.ComponentProvider<?, ?> provider,
      ComponentSpec spec,
      RunRequest request) {
    return ComponentRegistry.parameters(
        family, provider, spec.parameters(), request.baseDirectory());
  }

  private static <T> Supplier<T> memoize(Supplier<T> s) {
    return new Supplier<>() {
      private volatile T value;

      @Override
      public T get() {
        T v = value;
        if (v == null) {
          synchronized (this) {
            v = value;
            if (v == null) {
              v = s.get();
              value = v;
            }
          }
        }
        return v;
      }
    };
  }
}
