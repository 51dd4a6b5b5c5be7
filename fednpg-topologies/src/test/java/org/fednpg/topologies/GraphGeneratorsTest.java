package org.fednpg.topologies;

import static org.assertj.core.api.Assertions.assertThat;

import org.fednpg.api.RandomSource;
import org.junit.jupiter.api.Test;

/** Edge counts and degrees of the deterministic families, from their definitions. */
class GraphGeneratorsTest {

  @Test
  void deterministicFamiliesHaveTheirTextbookShape() {
    for (int n = 3; n <= 25; n++) {
      for (int k = 1; 2 * k + 1 <= n; k++) {
        CommunicationGraph ring = GraphGenerators.ring(n, k);
        assertThat(ring.edgeCount()).isEqualTo(n * k);
        assertThat(ring.minDegree()).isEqualTo(2 * k);
        assertThat(ring.maxDegree()).isEqualTo(2 * k);
      }
      assertThat(GraphGenerators.path(n).edgeCount()).isEqualTo(n - 1);
      assertThat(GraphGenerators.star(n).degree(0)).isEqualTo(n - 1);
      assertThat(GraphGenerators.complete(n).edgeCount()).isEqualTo(n * (n - 1) / 2);
      // exponential: i ~ i ± 2^j; degree is the number of distinct (i ± 2^j) mod n
      CommunicationGraph exp = GraphGenerators.exponential(n);
      for (int i = 0; i < n; i++) {
        java.util.Set<Integer> nb = new java.util.HashSet<>();
        for (int d = 1; d < n; d *= 2) {
          nb.add((i + d) % n);
          nb.add(((i - d) % n + n) % n);
        }
        nb.remove(i);
        assertThat(exp.degree(i)).isEqualTo(nb.size());
      }
    }
    for (int r = 1; r <= 6; r++) {
      for (int c = 1; c <= 6; c++) {
        assertThat(GraphGenerators.grid(r * c, r, c, false).edgeCount())
            .isEqualTo(r * (c - 1) + c * (r - 1));
        if (r >= 3 && c >= 3) {
          CommunicationGraph torus = GraphGenerators.grid(r * c, r, c, true);
          assertThat(torus.edgeCount()).isEqualTo(2 * r * c);
          assertThat(torus.isRegular()).isTrue();
        }
      }
    }
    for (int d = 0; d <= 6; d++) {
      CommunicationGraph cube = GraphGenerators.hypercube(1 << d);
      assertThat(cube.edgeCount()).isEqualTo(d * (1 << d) / 2);
      assertThat(cube.minDegree()).isEqualTo(d);
    }
  }

  @Test
  void randomFamiliesDegenerateToKnownGraphs() {
    RandomSource r = RandomSource.of(3);
    assertThat(GraphGenerators.erdosRenyi(12, 1.0, r, 1)).isEqualTo(GraphGenerators.complete(12));
    assertThat(GraphGenerators.randomGeometric(12, 1.5, r, 1))
        .isEqualTo(GraphGenerators.complete(12));
    assertThat(GraphGenerators.wattsStrogatz(12, 2, 0.0, r, 1))
        .isEqualTo(GraphGenerators.ring(12, 2));
    CommunicationGraph ws = GraphGenerators.wattsStrogatz(30, 2, 0.5, r, 100);
    assertThat(ws.edgeCount()).isEqualTo(60);
    assertThat(ws).isNotEqualTo(GraphGenerators.ring(30, 2));
    assertThat(GraphGenerators.erdosRenyi(20, 0.3, r, 100))
        .isEqualTo(GraphGenerators.erdosRenyi(20, 0.3, RandomSource.of(3), 100));
  }

  @Test
  void connectivityAgreesWithJGraphT() {
    RandomSource root = RandomSource.of(5);
    for (int i = 0; i < 50; i++) {
      java.util.List<int[]> edges = new java.util.ArrayList<>();
      var rng = root.child(i).random();
      int n = 2 + rng.nextInt(15);
      for (int e = rng.nextInt(2 * n); e > 0; e--) {
        int a = rng.nextInt(n);
        int b = rng.nextInt(n);
        if (a != b) {
          edges.add(new int[] {a, b});
        }
      }
      CommunicationGraph g = CommunicationGraph.of(n, edges);
      assertThat(g.isConnected()).isEqualTo(g.isConnectedJGraphT());
    }
  }
}
