package org.fednpg.topologies;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.RandomSource;
import org.fednpg.api.model.MixingMatrix;

/**
 * Weights of the {@code directed-ring} family: agent n receives from agents n+1, …, n+k (mod N)
 * (the paper's Figure 4 varies the number of non-zero entries per row, k + 1 with the diagonal).
 * The links are kept as an undirected {@link CommunicationGraph} with edges {n, n+j mod N}, j =
 * 1..k; row n puts weight on itself and on every m with (m − n) mod N ∈ [1, k] that is still linked
 * (so with k ≥ N/2 a link {n, m} carries both directions and fails as one, our choice).
 *
 * <ul>
 *   <li>{@link #equal(int)}: every non-zero of a row, self included, is 1/(its count); with all
 *       links up that is 1/(k+1), and k = 1 gives the paper's Eq. (312), W_nn = W_{n,n+1} = 0.5,
 *       doubly stochastic but not symmetric. A round with failed links leaves rows with different
 *       counts: row-stochastic only.
 *   <li>{@link #random(int)}: each row a random probability vector over its non-zeros, uniform on
 *       the simplex (normalised standard exponentials; our choice of law, the paper says only
 *       "random weights with each row summing to 1"), row n drawn from {@code random.child(n)}:
 *       row-stochastic, columns need not sum to 1 (the paper's Figure 4(a)).
 * </ul>
 */
public final class DirectedRingWeights implements WeightRule {

  /** Names of the weight rules of {@code directed-ring}. */
  public static final List<String> NAMES = List.of("equal", "random");

  private final int neighbors;
  private final boolean random;

  private DirectedRingWeights(int neighbors, boolean random) {
    if (neighbors < 1) {
      throw new IllegalArgumentException("neighbors must be >= 1, got " + neighbors);
    }
    this.neighbors = neighbors;
    this.random = random;
  }

  /** Equal weights per row. */
  public static DirectedRingWeights equal(int neighbors) {
    return new DirectedRingWeights(neighbors, false);
  }

  /** Seeded random row-stochastic weights. */
  public static DirectedRingWeights random(int neighbors) {
    return new DirectedRingWeights(neighbors, true);
  }

  /** The rule named {@code name} (one of {@link #NAMES}). */
  public static DirectedRingWeights byName(String name, int neighbors) {
    return switch (name) {
      case "equal" -> equal(neighbors);
      case "random" -> random(neighbors);
      default ->
          throw new InvalidInputException(
              "directed-ring weights must be one of "
                  + String.join(", ", NAMES)
                  + ", got '"
                  + name
                  + "'");
    };
  }

  /** The links {n, n+j mod N}, j = 1..k, of the directed ring (duplicates collapse). */
  public static CommunicationGraph graph(int n, int neighbors) {
    if (n < 2 || neighbors < 1 || neighbors > n - 1) {
      throw new InvalidInputException(
          "directed ring with "
              + n
              + " agents allows neighbors in "
              + "[1, "
              + (n - 1)
              + "], got "
              + neighbors);
    }
    List<int[]> edges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      for (int j = 1; j <= neighbors; j++) {
        edges.add(new int[] {i, (i + j) % n});
      }
    }
    return CommunicationGraph.of(n, edges);
  }

  @Override
  public String name() {
    return random ? "random" : "equal";
  }

  @Override
  public MixingMatrix weights(CommunicationGraph graph, RandomSource source) {
    int n = graph.size();
    double[][] w = new double[n][n];
    for (int i = 0; i < n; i++) {
      List<Integer> from = new ArrayList<>();
      from.add(i);
      for (int j = 1; j <= Math.min(neighbors, n - 1); j++) {
        int m = (i + j) % n;
        if (graph.hasEdge(i, m)) {
          from.add(m);
        }
      }
      if (random) {
        SplittableRandom rng = source.child(i).random();
        double[] e = new double[from.size()];
        double total = 0;
        for (int k = 0; k < e.length; k++) {
          e[k] = -Math.log(1.0 - rng.nextDouble());
          total += e[k];
        }
        for (int k = 0; k < e.length; k++) {
          w[i][from.get(k)] = e[k] / total;
        }
      } else {
        for (int m : from) {
          w[i][m] = 1.0 / from.size();
        }
      }
    }
    return MixingMatrix.of(w);
  }
}
