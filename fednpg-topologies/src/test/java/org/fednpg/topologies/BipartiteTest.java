package org.fednpg.topologies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.fednpg.api.RandomSource;
import org.fednpg.api.model.MixingMatrix;
import org.junit.jupiter.api.Test;

/**
 * Claim: no named rule produces the eigenvalue −1, even on bipartite graphs (even rings, paths,
 * hypercubes, stars, grids), where W_nn = 0 would give it. Reason: every rule keeps W_nn &gt; 0, so
 * by Gershgorin (rows sum to 1, entries ≥ 0) every eigenvalue is ≥ 2·min_n W_nn − 1 &gt; −1. The
 * test checks both the bound and σ &lt; 1 with the independent Jacobi solver.
 */
class BipartiteTest {

  @Test
  void noRuleReachesMinusOneOnBipartiteGraphs() {
    List<CommunicationGraph> graphs = new ArrayList<>();
    for (int n = 4; n <= 30; n += 2) {
      graphs.add(GraphGenerators.ring(n, 1));
    }
    for (int n = 2; n <= 20; n++) {
      graphs.add(GraphGenerators.path(n));
      graphs.add(GraphGenerators.star(n));
    }
    for (int d = 1; d <= 5; d++) {
      graphs.add(GraphGenerators.hypercube(1 << d));
    }
    for (int r = 2; r <= 5; r++) {
      graphs.add(GraphGenerators.grid(r * (r + 1), r, r + 1, false));
    }
    List<WeightRule> rules =
        List.of(
            WeightRules.equal(),
            WeightRules.metropolis(),
            WeightRules.maxDegree(),
            WeightRules.random(),
            WeightRules.lazy(WeightRules.metropolis()));
    int checked = 0;
    for (CommunicationGraph g : graphs) {
      assertThat(isBipartite(g)).as("%s bipartite", g).isTrue();
      for (WeightRule rule : rules) {
        if (rule.name().equals("equal") && !g.isRegular()) {
          continue;
        }
        MixingMatrix w = rule.weights(g, RandomSource.of(checked));
        double minDiag = 1;
        for (int i = 0; i < w.size(); i++) {
          minDiag = Math.min(minDiag, w.weight(i, i));
        }
        double lambdaMin = TopologyTesting.jacobiEigenvalues(w.toArray())[0];
        assertThat(minDiag).isGreaterThan(0.0);
        assertThat(lambdaMin)
            .as("%s %s", g, rule.name())
            .isGreaterThan(-1.0)
            .isGreaterThanOrEqualTo(2 * minDiag - 1 - 1e-12);
        assertThat(TopologyTesting.jacobiSigma(w)).isLessThan(1.0);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(150);
  }

  private static boolean isBipartite(CommunicationGraph g) {
    int[] colour = new int[g.size()];
    java.util.Arrays.fill(colour, -1);
    java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>();
    for (int s = 0; s < g.size(); s++) {
      if (colour[s] >= 0) {
        continue;
      }
      colour[s] = 0;
      queue.add(s);
      while (!queue.isEmpty()) {
        int v = queue.poll();
        for (int u : g.neighbors(v)) {
          if (colour[u] < 0) {
            colour[u] = 1 - colour[v];
            queue.add(u);
          } else if (colour[u] == colour[v]) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
