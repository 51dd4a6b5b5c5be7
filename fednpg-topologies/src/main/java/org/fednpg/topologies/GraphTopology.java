package org.fednpg.topologies;

import java.util.LinkedHashMap;
import java.util.Map;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.RandomSource;
import org.fednpg.api.Topology;
import org.fednpg.api.model.MixingMatrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Topology} made of a connected communication graph and a weight rule, optionally with
 * random link failures. The nominal matrix W (all links up) is validated in full (SPEC §2,
 * including σ &lt; 1) at construction and is what {@link #sigma()} reports.
 *
 * <p>With {@code drop = p > 0} each round t loses every link independently with probability p,
 * drawn from {@code random.child("links").child(t)} in the order of {@link
 * CommunicationGraph#edges()}, so W^(t) depends only on (seed, t), never on call order or threads;
 * W^(t) is the same rule on the surviving graph (see {@link WeightRule#forDroppedLinks()};
 * randomised rules draw from {@code random.child("weights").child(t)}). Every W^(t) is checked to
 * be non-negative, supported on the surviving links, with rows (and, unless {@link
 * Stochasticity#ROW}, columns) summing to 1; it may be disconnected. All links up in every round is
 * exactly the static topology.
 *
 * <p>With {@link Stochasticity#ROW} a W whose columns do not sum to 1 is accepted and the topology
 * logs one warning when it is built (once per run): FedNPG's tracking average is then not
 * preserved.
 *
 * <p>{@link #mixing(long)} is thread-safe; the most recent rounds are cached, so the two calls an
 * algorithm makes per iteration (possibly from two exchanges) build W^(t) once.
 */
public final class GraphTopology implements Topology {

  /** Rounds averaged for {@code mean_sigma} in {@link #report()} (fewer for very large N). */
  public static final int MEAN_SIGMA_ROUNDS = 100;

  /** Floating-point budget (≈ Σ N³ over the averaged rounds) bounding the mean-σ work. */
  private static final double MEAN_SIGMA_BUDGET = 5e9;

  private static final int CACHE_SIZE = 8;

  private static final Logger LOG = LoggerFactory.getLogger(GraphTopology.class);

  private final String where;
  private final CommunicationGraph graph;
  private final WeightRule rule;
  private final WeightRule roundRule;
  private final MixingMatrix nominal;
  private final double sigma;
  private final double drop;
  private final RandomSource random;
  private final Stochasticity stochastic;
  private final Map<Long, MixingMatrix> cache;
  private volatile Cached last;
  private volatile Map<String, Object> report;

  private record Cached(long round, MixingMatrix w) {}

  private GraphTopology(
      String where,
      CommunicationGraph graph,
      WeightRule rule,
      MixingMatrix nominal,
      double drop,
      RandomSource random,
      Stochasticity stochastic) {
    this.where = where;
    this.graph = graph;
    this.rule = rule;
    this.roundRule = rule.forDroppedLinks();
    this.nominal = nominal;
    this.drop = drop;
    this.random = random;
    this.stochastic = stochastic;
    this.sigma = MixingValidator.validate(nominal, graph, where, stochastic);
    if (drop > 0 && stochastic == Stochasticity.DOUBLY && !MixingValidator.isSymmetric(nominal)) {
      throw new InvalidInputException(
          where
              + ": drop > 0 on a non-symmetric W: a failed link's "
              + "weight stays with its receiver, so W^(t) keeps its rows but not its columns summing "
              + "to 1; set stochastic: row to accept that");
    }
    if (stochastic == Stochasticity.ROW
        && (drop > 0 || !MixingValidator.isDoublyStochastic(nominal))) {
      LOG.warn(
          "{}: stochastic: row — W is row-stochastic only, so FedNPG's tracking average "
              + "(1/N) sum_n T_n = (1/N) sum_n Q_n is not preserved (SPEC §2)",
          where);
    }
    this.cache =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, MixingMatrix> eldest) {
            return size() > CACHE_SIZE;
          }
        };
    LOG.debug(
        "{}: N={}, edges={}, weights={}, drop={}, sigma={}",
        where,
        graph.size(),
        graph.edgeCount(),
        rule.name(),
        drop,
        sigma);
  }

  /**
   * Builds and validates a topology.
   *
   * @param where how errors name it, e.g. {@code "topology 'ring'"}
   * @param graph the communication graph (must be connected)
   * @param rule the weight rule
   * @param drop per-round link failure probability in [0, 1)
   * @param random the topology's node of the seed tree
   * @throws InvalidInputException for a disconnected graph, a rule that does not apply, a drop
   *     outside [0, 1) or a matrix failing validation
   */
  public static GraphTopology create(
      String where, CommunicationGraph graph, WeightRule rule, double drop, RandomSource random) {
    return create(where, graph, rule, drop, random, Stochasticity.DOUBLY);
  }

  /**
   * Builds and validates a topology whose W must have the given {@code stochastic} sums; see {@link
   * #create(String, CommunicationGraph, WeightRule, double, RandomSource)}.
   */
  public static GraphTopology create(
      String where,
      CommunicationGraph graph,
      WeightRule rule,
      double drop,
      RandomSource random,
      Stochasticity stochastic) {
    checkDrop(where, drop);
    if (!graph.isConnected()) {
      throw new InvalidInputException(
          where
              + ": the communication graph is disconnected ("
              + graph.componentCount()
              + " components); every agent must reach every other");
    }
    MixingMatrix w;
    try {
      w = rule.weights(graph, random.child("weights"));
    } catch (InvalidInputException e) {
      throw e.in(where);
    }
    return new GraphTopology(where, graph, rule, w, drop, random, stochastic);
  }

  /**
   * A doubly stochastic topology from an explicit matrix (validated in full against its own
   * support); with links dropped, a dropped link's weight moves to the diagonal of both ends.
   */
  public static GraphTopology ofMatrix(
      String where, MixingMatrix w, double drop, RandomSource random) {
    return ofMatrix(where, w, drop, random, Stochasticity.DOUBLY);
  }

  /** A topology from an explicit matrix whose sums are checked as {@code stochastic} says. */
  public static GraphTopology ofMatrix(
      String where, MixingMatrix w, double drop, RandomSource random, Stochasticity stochastic) {
    checkDrop(where, drop);
    return new GraphTopology(
        where, CommunicationGraph.supportOf(w), WeightRules.fixed(w), w, drop, random, stochastic);
  }

  private static void checkDrop(String where, double drop) {
    if (!(drop >= 0 && drop < 1)) {
      throw new InvalidInputException(where + ": parameter 'drop' must be in [0, 1), got " + drop);
    }
  }

  @Override
  public int agents() {
    return graph.size();
  }

  @Override
  public MixingMatrix mixing(long round) {
    if (round < 0) {
      throw new IllegalArgumentException("round must be >= 0, got " + round);
    }
    if (drop == 0) {
      return nominal;
    }
    Cached c = last;
    if (c != null && c.round() == round) {
      return c.w();
    }
    synchronized (cache) {
      MixingMatrix w = cache.get(round);
      if (w == null) {
        w = build(round);
        cache.put(round, w);
      }
      last = new Cached(round, w);
      return w;
    }
  }

  /** The graph of links up in {@code round} (the full graph when {@code drop = 0}). */
  public CommunicationGraph linksUp(long round) {
    if (drop == 0) {
      return graph;
    }
    var rng = random.child("links").child(round).random();
    boolean[] keep = new boolean[graph.edgeCount()];
    for (int k = 0; k < keep.length; k++) {
      keep[k] = rng.nextDouble() >= drop;
    }
    return graph.keepEdges(keep);
  }

  private MixingMatrix build(long round) {
    CommunicationGraph up = linksUp(round);
    MixingMatrix w = roundRule.weights(up, random.child("weights").child(round));
    MixingValidator.validateStochastic(w, up, where + " round " + round, stochastic);
    return w;
  }

  @Override
  public boolean isTimeVarying() {
    return drop > 0;
  }

  @Override
  public double sigma() {
    return sigma;
  }

  /** The nominal matrix W (all links up). */
  public MixingMatrix nominal() {
    return nominal;
  }

  /** The full communication graph. */
  public CommunicationGraph graph() {
    return graph;
  }

  /** The weight rule's name. */
  public String weightsRule() {
    return rule.name();
  }

  /** Which sums of W must be 1. */
  public Stochasticity stochastic() {
    return stochastic;
  }

  /** Link failure probability per round. */
  public double drop() {
    return drop;
  }

  /**
   * sigma, spectral_gap, consensus_time (rounds to shrink disagreement by {@link
   * Spectral#CONSENSUS_EPSILON}; from the second-largest eigenvalue modulus when W is not doubly
   * stochastic), stochastic (the required sums), symmetric, doubly_stochastic, assumption_3_1
   * (symmetric, doubly stochastic and σ &lt; 1: the paper's Assumption 3.1), second_eigenvalue
   * (only when not doubly stochastic), agents, edges, min_degree, max_degree, weights, drop; when
   * time-varying also mean_sigma and mean_links over rounds 0..mean_sigma_rounds−1 (W^(t) of a
   * disconnected round has σ = 1 and counts as such).
   */
  @Override
  public Map<String, Object> report() {
    Map<String, Object> r = report;
    if (r == null) {
      r = buildReport();
      report = r;
    }
    return new LinkedHashMap<>(r);
  }

  private Map<String, Object> buildReport() {
    Map<String, Object> r = new LinkedHashMap<>();
    boolean symmetric = MixingValidator.isSymmetric(nominal);
    boolean doubly = MixingValidator.isDoublyStochastic(nominal);
    r.put("sigma", sigma);
    r.put("spectral_gap", Spectral.spectralGap(sigma));
    if (doubly) {
      r.put("consensus_time", Spectral.consensusRounds(sigma));
    } else {
      double lambda = Spectral.secondEigenvalueModulus(nominal);
      r.put("second_eigenvalue", lambda);
      r.put("consensus_time", Spectral.consensusRounds(lambda));
    }
    r.put("stochastic", stochastic.specName());
    r.put("symmetric", symmetric);
    r.put("doubly_stochastic", doubly);
    r.put("assumption_3_1", symmetric && doubly && sigma < 1 - MixingValidator.SIGMA_MARGIN);
    r.put("agents", graph.size());
    r.put("edges", graph.edgeCount());
    r.put("min_degree", graph.minDegree());
    r.put("max_degree", graph.maxDegree());
    r.put("weights", rule.name());
    r.put("drop", drop);
    if (drop > 0) {
      double n = graph.size();
      int rounds = (int) Math.max(1, Math.min(MEAN_SIGMA_ROUNDS, MEAN_SIGMA_BUDGET / (n * n * n)));
      double sum = 0;
      double links = 0;
      for (int t = 0; t < rounds; t++) {
        CommunicationGraph up = linksUp(t);
        links += up.edgeCount();
        sum += Spectral.sigma(roundRule.weights(up, random.child("weights").child(t)));
      }
      r.put("mean_sigma", sum / rounds);
      r.put("mean_links", links / rounds);
      r.put("mean_sigma_rounds", rounds);
    }
    return r;
  }

  @Override
  public String toString() {
    return where
        + "[N="
        + graph.size()
        + ", edges="
        + graph.edgeCount()
        + ", weights="
        + rule.name()
        + ", drop="
        + drop
        + ", stochastic="
        + stochastic.specName()
        + ", sigma="
        + sigma
        + "]";
  }
}
