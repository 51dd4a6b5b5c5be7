package org.fednpg.topologies;

import java.util.List;
import java.util.SplittableRandom;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.RandomSource;
import org.fednpg.api.model.MixingMatrix;

/**
 * The built-in weight rules of SPEC §2. Every rule puts weight only on edges and the diagonal, is
 * symmetric by construction (an edge weight is one formula of its two ends) and fills the diagonal
 * with 1 − (off-diagonal row sum), so rows and columns sum to 1. Every rule keeps W_nn &gt; 0,
 * which by Gershgorin bounds the smallest eigenvalue by 2·min_n W_nn − 1 &gt; −1: no rule can make
 * σ = 1 on a connected graph, bipartite or not.
 */
public final class WeightRules {

  /** Names accepted by {@link #byName(String, String)} (lazy takes a base among the others). */
  public static final List<String> NAMES =
      List.of("equal", "metropolis", "max-degree", "lazy", "random");

  /** Names accepted as the base of {@code lazy}. */
  public static final List<String> LAZY_BASES =
      List.of("equal", "metropolis", "max-degree", "random");

  private WeightRules() {}

  /** The rule named {@code name}; {@code base} is the base rule of {@code lazy} (else ignored). */
  public static WeightRule byName(String name, String base) {
    switch (name) {
      case "equal":
        return equal();
      case "metropolis":
        return metropolis();
      case "max-degree":
        return maxDegree();
      case "random":
        return random();
      case "lazy":
        if (!LAZY_BASES.contains(base)) {
          throw new InvalidInputException(
              "lazy weights: base must be one of "
                  + String.join(", ", LAZY_BASES)
                  + ", got '"
                  + base
                  + "'");
        }
        return lazy(byName(base, null));
      default:
        throw new InvalidInputException(
            "unknown weight rule '" + name + "'; accepted: " + String.join(", ", NAMES));
    }
  }

  /** W_nm = 1/(d+1) on edges and the diagonal; only regular graphs (refused otherwise). */
  public static WeightRule equal() {
    return new Equal(false);
  }

  /** Metropolis–Hastings: W_nm = 1/(1 + max(d_n, d_m)) on edges, rest on the diagonal. */
  public static WeightRule metropolis() {
    return new Simple("metropolis", (g, n, m) -> 1.0 / (1 + Math.max(g.degree(n), g.degree(m))));
  }

  /** Maximum degree: W_nm = 1/(d_max + 1) on edges, rest on the diagonal. */
  public static WeightRule maxDegree() {
    return new Simple("max-degree", (g, n, m) -> 1.0 / (g.maxDegree() + 1));
  }

  /** ½(I + W) of {@code base}. */
  public static WeightRule lazy(WeightRule base) {
    return new Lazy(base);
  }

  /**
   * Random Metropolis weights (our construction): each edge e draws u_e uniform in (0, 1]; with U_n
   * = Σ_{m~n} u_nm, W_nm = u_nm / (1 + max(U_n, U_m)) and the diagonal takes the rest. Row n's
   * off-diagonal sum is at most U_n / (1 + U_n) &lt; 1, so W_nn ≥ 1/(1 + U_n) &gt; 0. With every
   * u_e = 1 this is exactly {@link #metropolis()}. Edges are drawn in the order of {@link
   * CommunicationGraph#edges()} from the given random node.
   */
  public static WeightRule random() {
    return new RandomMetropolis();
  }

  /**
   * The fixed matrix {@code w}; on a subgraph (dropped links) the weight W_nm of every missing link
   * moves to the receiver's diagonal W_nn, which keeps the rows summing to 1 and, for a symmetric W
   * (both ends give up the same weight), W symmetric and doubly stochastic.
   */
  public static WeightRule fixed(MixingMatrix w) {
    return new Fixed(w);
  }

  /** An off-diagonal weight as a function of the graph and the edge's two ends. */
  @FunctionalInterface
  private interface EdgeWeight {
    double of(CommunicationGraph g, int n, int m);
  }

  private static MixingMatrix fromEdges(CommunicationGraph g, EdgeWeight f) {
    int size = g.size();
    double[][] w = new double[size][size];
    for (int n = 0; n < size; n++) {
      for (int m : g.neighbors(n)) {
        if (n < m) {
          double x = f.of(g, n, m);
          w[n][m] = x;
          w[m][n] = x;
        }
      }
    }
    fillDiagonal(w);
    return MixingMatrix.of(w);
  }

  private static void fillDiagonal(double[][] w) {
    for (int n = 0; n < w.length; n++) {
      double off = 0;
      for (int m = 0; m < w.length; m++) {
        if (m != n) {
          off += w[n][m];
        }
      }
      w[n][n] = 1 - off;
    }
  }

  private static final class Simple implements WeightRule {
    private final String name;
    private final EdgeWeight f;

    Simple(String name, EdgeWeight f) {
      this.name = name;
      this.f = f;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public MixingMatrix weights(CommunicationGraph graph, RandomSource random) {
      return fromEdges(graph, f);
    }
  }

  private static final class Equal implements WeightRule {
    private final boolean fallback;

    Equal(boolean fallback) {
      this.fallback = fallback;
    }

    @Override
    public String name() {
      return "equal";
    }

    @Override
    public MixingMatrix weights(CommunicationGraph graph, RandomSource random) {
      if (!graph.isRegular()) {
        if (fallback) {
          return metropolis().weights(graph, random);
        }
        throw new InvalidInputException(
            "equal weights need a regular graph (every agent the same degree), got degrees "
                + graph.distinctDegrees()
                + "; use weights: metropolis or max-degree");
      }
      MixingMatrix w = fromEdges(graph, (g, n, m) -> 1.0 / (g.degree(n) + 1));
      // The same 1/(d+1) on the diagonal (not 1 − d/(d+1)), so the complete graph gives exactly
      // MixingMatrix.averaging(N); rows then sum to 1 within one rounding per entry.
      double[][] a = w.toArray();
      for (int n = 0; n < a.length; n++) {
        a[n][n] = 1.0 / (graph.degree(n) + 1);
      }
      return MixingMatrix.of(a);
    }

    @Override
    public WeightRule forDroppedLinks() {
      return new Equal(true);
    }
  }

  private static final class Lazy implements WeightRule {
    private final WeightRule base;

    Lazy(WeightRule base) {
      this.base = base;
    }

    @Override
    public String name() {
      return "lazy(" + base.name() + ")";
    }

    @Override
    public MixingMatrix weights(CommunicationGraph graph, RandomSource random) {
      double[][] w = base.weights(graph, random).toArray();
      for (int n = 0; n < w.length; n++) {
        for (int m = 0; m < w.length; m++) {
          w[n][m] *= 0.5;
        }
      }
      fillDiagonal(w);
      return MixingMatrix.of(w);
    }

    @Override
    public WeightRule forDroppedLinks() {
      return new Lazy(base.forDroppedLinks());
    }
  }

  private static final class RandomMetropolis implements WeightRule {
    @Override
    public String name() {
      return "random";
    }

    @Override
    public MixingMatrix weights(CommunicationGraph graph, RandomSource random) {
      int size = graph.size();
      SplittableRandom rng = random.random();
      double[][] u = new double[size][size];
      double[] total = new double[size];
      for (int[] e : graph.edges()) {
        double x = 1.0 - rng.nextDouble();
        u[e[0]][e[1]] = x;
        u[e[1]][e[0]] = x;
        total[e[0]] += x;
        total[e[1]] += x;
      }
      return fromEdges(graph, (g, n, m) -> u[n][m] / (1 + Math.max(total[n], total[m])));
    }
  }

  private static final class Fixed implements WeightRule {
    private final MixingMatrix w;

    Fixed(MixingMatrix w) {
      this.w = w;
    }

    @Override
    public String name() {
      return "file";
    }

    @Override
    public MixingMatrix weights(CommunicationGraph graph, RandomSource random) {
      if (graph.size() != w.size()) {
        throw new IllegalArgumentException(
            "graph has " + graph.size() + " agents, matrix " + w.size());
      }
      double[][] a = w.toArray();
      for (int n = 0; n < a.length; n++) {
        for (int m = 0; m < a.length; m++) {
          if (n != m && a[n][m] != 0 && !graph.hasEdge(n, m)) {
            a[n][n] += a[n][m];
            a[n][m] = 0;
          }
        }
      }
      return MixingMatrix.of(a);
    }
  }
}
