package org.fednpg.core.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /** The whole run, every agent built: the in-process runtime's view. */
  public AssembledRun assemble(RunRequest request) {
    return build(request, null, true);
  }

  /**
   * The experimenter's view of a run whose agents execute elsewhere (a cluster submitter): the
   * complete model, r̄'s oracle and the metrics, and an algorithm whose agents are {@link
   * AgentProcess#elsewhere} placeholders when its provider {@link
   * AlgorithmProvider#buildsHostedAgentsOnly builds hosted agents only} (otherwise every agent is
   * built, as in {@link #assemble}). Values, W, τ and the manifest facts equal {@link #assemble}'s.
   */
  public AssembledRun assembleForMetrics(RunRequest request) {
    return build(request, Set.of(), true);
  }

  /**
   * The shared part of a run on a node that hosts some of its agents: the kernel (a {@link
   * MultiTaskMdp#partial partial} model), topology and evaluator, built once; each hosted agent is
   * then built on demand by {@link NodeAssembly#agent}. Falls back to assembling the whole run once
   * (and handing it to every agent, as before issue 19) when the algorithm's provider cannot build
   * hosted agents only, or the run has an adversary block (its lie-q copy needs every reward).
   */
  public NodeAssembly assembleForNode(RunRequest request) {
    AlgorithmProvider algProvider = registry.algorithm(request.algorithm().type());
    if (!algProvider.buildsHostedAgentsOnly() || request.adversary() != null) {
      return new NodeAssembly(build(request, null, false), null);
    }
    return new NodeAssembly(null, new Shared(request));
  }

  /**
   * A run as one node holds it: either one whole run shared by its agents (the fallback) or the
   * shared kernel, topology and evaluator plus each hosted agent built on demand.
   */
  public final class NodeAssembly {
    private final AssembledRun whole;
    private final Shared shared;

    private NodeAssembly(AssembledRun whole, Shared shared) {
      this.whole = whole;
      this.shared = shared;
    }

    /** Whether this node builds only its own agents (false: the whole-run fallback). */
    public boolean isLocal() {
      return shared != null;
    }

    /**
     * The run as agent {@code agent} needs it: {@link AssembledRun#algorithm()} has {@code agent}
     * built (and, when {@link #isLocal}, placeholders elsewhere), {@link AssembledRun#mdp()} holds
     * its reward; no oracle and no metrics (null) unless this is the whole-run fallback.
     */
    public synchronized AssembledRun agent(int agent) {
      if (whole != null) {
        return whole;
      }
      return shared.agent(agent);
    }
  }

  /** What every hosted agent of a node shares: built once per node. */
  private final class Shared {
    final RunRequest request;
    final RandomSource root;
    final Map<String, Parameters> resolved = new LinkedHashMap<>();
    final Environment environment;
    final MultiTaskMdp kernelOnly;
    final GenerativeModel sampler;
    final AlgorithmProvider algProvider;
    final Parameters algParams;
    final Topology topology;
    final EvaluatorFactory factory;
    final PolicyEvaluator evaluator;

    Shared(RunRequest request) {
      this.request = request;
      root = RandomSource.of(request.seed());
      EnvironmentProvider envProvider = registry.environment(request.environment().type());
      Parameters envParams =
          resolve(Family.ENVIRONMENT, envProvider, request.environment(), request);
      resolved.put(Family.ENVIRONMENT.label(), envParams);
      environment =
          envProvider.create(envParams, new EnvironmentContext(root.child("environment")));
      kernelOnly = withGamma(environment.mdpFor(Set.of()), request);
      sampler = environment.generativeModel();
      algProvider = registry.algorithm(request.algorithm().type());
      algParams = resolve(Family.ALGORITHM, algProvider, request.algorithm(), request);
      resolved.put(Family.ALGORITHM.label(), algParams);
      double tau = algParams.has("tau") ? algParams.getDouble("tau") : 0.0;
      topology = topology(request, kernelOnly, root, resolved);
      // a component that asks for the oracle (e.g. the noisy evaluator) makes this node build the
      // complete model once, lazily: correct, but not node-local (our choice)
      Supplier<MultiTaskMdp> complete = memoize(() -> withGamma(environment.mdp(), request));
      Supplier<OptimalSolution> optimum = memoize(() -> ValueIteration.solve(complete.get(), tau));
      factory = evaluators(request, kernelOnly, sampler, root, optimum);
      evaluator =
          evaluator(request, algProvider, kernelOnly, sampler, root, optimum, factory, resolved);
    }

    AssembledRun agent(int agent) {
      MultiTaskMdp own = withGamma(environment.mdpFor(Set.of(agent)), request);
      Algorithm algorithm =
          algProvider.create(
              algParams,
              new AlgorithmContext(
                  own,
                  sampler,
                  topology,
                  evaluator,
                  root.child("algorithm"),
                  factory,
                  Set.of(agent)));
      checkTopology(algorithm, topology, algProvider);
      return new AssembledRun(
          environment, own, topology, evaluator, algorithm, null, null, resolved);
    }
  }

  private static MultiTaskMdp withGamma(MultiTaskMdp mdp, RunRequest request) {
    return request.gamma() != null ? mdp.withGamma(request.gamma()) : mdp;
  }

  private Topology topology(
      RunRequest request, MultiTaskMdp mdp, RandomSource root, Map<String, Parameters> resolved) {
    if (request.topology() == null) {
      return null;
    }
    TopologyProvider topProvider = registry.topology(request.topology().type());
    Parameters topParams = resolve(Family.TOPOLOGY, topProvider, request.topology(), request);
    resolved.put(Family.TOPOLOGY.label(), topParams);
    Topology topology =
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
    return topology;
  }

  private EvaluatorFactory evaluators(
      RunRequest request,
      MultiTaskMdp model,
      GenerativeModel sampler,
      RandomSource root,
      Supplier<OptimalSolution> optimum) {
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
    return new ScopedFactory(factory[0], optimalQ, scope);
  }

  /** The evaluator factory of a run with its shared oracle Q and solver scope. */
  private record ScopedFactory(EvaluatorFactory inner, Supplier<QEstimate> optimalQ, RunScope scope)
      implements EvaluatorFactory {
    @Override
    public PolicyEvaluator create(String type, Map<String, ?> parameters) {
      return inner.create(type, parameters);
    }
  }

  private PolicyEvaluator evaluator(
      RunRequest request,
      AlgorithmProvider algProvider,
      MultiTaskMdp model,
      GenerativeModel sampler,
      RandomSource root,
      Supplier<OptimalSolution> optimum,
      EvaluatorFactory factory,
      Map<String, Parameters> resolved) {
    ScopedFactory f = (ScopedFactory) factory;
    ComponentSpec evalSpec = request.evaluator();
    if (evalSpec == null && algProvider.requiresEvaluator()) {
      evalSpec = ComponentSpec.of(EXACT);
    }
    if (evalSpec == null) {
      return null;
    }
    PolicyEvaluatorProvider p = registry.evaluator(evalSpec.type());
    Parameters ps = resolve(Family.EVALUATOR, p, evalSpec, request);
    resolved.put(Family.EVALUATOR.label(), ps);
    return p.create(
        ps,
        new EvaluatorContext(model, sampler, root.child("evaluator"), f, f.optimalQ(), f.scope()));
  }

  private static void checkTopology(
      Algorithm algorithm, Topology topology, AlgorithmProvider algProvider) {
    if (algorithm.usesTopology() && topology == null) {
      throw new InvalidInputException(
          "algorithm '" + algProvider.name() + "' communicates: the spec needs a topology block");
    }
  }

  /**
   * @param hosted agents to build (null: all; empty with a provider that builds hosted agents only:
   *     none, the submitter's view)
   * @param withMetrics whether to build the oracle and the metrics
   */
  private AssembledRun build(RunRequest request, Set<Integer> hosted, boolean withMetrics) {
    RandomSource root = RandomSource.of(request.seed());
    Map<String, Parameters> resolved = new LinkedHashMap<>();

    EnvironmentProvider envProvider = registry.environment(request.environment().type());
    Parameters envParams = resolve(Family.ENVIRONMENT, envProvider, request.environment(), request);
    resolved.put(Family.ENVIRONMENT.label(), envParams);
    Environment environment =
        envProvider.create(envParams, new EnvironmentContext(root.child("environment")));
    MultiTaskMdp mdp = withGamma(environment.mdp(), request);
    GenerativeModel sampler = environment.generativeModel();

    AlgorithmProvider algProvider = registry.algorithm(request.algorithm().type());
    Parameters algParams = resolve(Family.ALGORITHM, algProvider, request.algorithm(), request);
    resolved.put(Family.ALGORITHM.label(), algParams);
    double tau = algParams.has("tau") ? algParams.getDouble("tau") : 0.0;
    if (hosted != null && (!algProvider.buildsHostedAgentsOnly() || request.adversary() != null)) {
      hosted = null;
    }

    Topology topology = topology(request, mdp, root, resolved);

    final MultiTaskMdp model = mdp;
    Supplier<OptimalSolution> optimum = memoize(() -> ValueIteration.solve(model, tau));
    EvaluatorFactory factory = evaluators(request, model, sampler, root, optimum);
    ScopedFactory scoped = (ScopedFactory) factory;
    PolicyEvaluator evaluator =
        evaluator(request, algProvider, model, sampler, root, optimum, factory, resolved);

    Algorithm algorithm =
        algProvider.create(
            algParams,
            new AlgorithmContext(
                model, sampler, topology, evaluator, root.child("algorithm"), factory, hosted));
    checkTopology(algorithm, topology, algProvider);

    int[] honest = null;
    AdversarialAlgorithm adversarial = null;
    MultiTaskMdp scored = model;
    OptimalSolution target = null;
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
                    factory));
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
      if (withMetrics) {
        target = ValueIteration.solve(scored, tau);
      }
    } else if (withMetrics) {
      target = optimum.get();
    }
    if (!withMetrics) {
      return new AssembledRun(
          environment, model, topology, evaluator, algorithm, null, null, resolved);
    }

    PolicyEvaluatorProvider exactProvider = registry.evaluator(EXACT);
    PolicyEvaluator exact =
        exactProvider.create(
            ComponentRegistry.parameters(
                Family.EVALUATOR, exactProvider, Map.of(), request.baseDirectory()),
            new EvaluatorContext(
                model, sampler, root.child("metrics"), factory, scoped.optimalQ(), scoped.scope()));
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
