package org.fednpg.topologies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.Topology;
import org.fednpg.api.model.MixingMatrix;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Over many seeded random graphs and sizes, every graph provider with every weight rule gives a
 * symmetric, doubly stochastic, non-negative W supported on its graph, with W_nn &gt; 0 and σ &lt;
 * 1 agreeing with an independent Jacobi eigen-solve; {@code equal} is refused exactly on irregular
 * graphs. The inputs are drawn from fixed seeds (a property test written with JUnit's parameterized
 * tests, so every case is reported by name and the run is reproducible); the properties hold for
 * every input.
 */
class ProviderPropertiesTest {

  static final List<String> GRAPHS =
      List.of(
          "ring",
          "path",
          "star",
          "complete",
          "grid",
          "torus",
          "hypercube",
          "exponential",
          "erdos-renyi",
          "random-geometric",
          "watts-strogatz");

  static final List<String> RULES = List.of("equal", "metropolis", "max-degree", "lazy", "random");

  /**
   * {@code tries} random (graph, rule, n, seed) cases from {@code seed}, n uniform in [minN, maxN]
   * and the provider seed uniform in [0, 10^6]; cases a family cannot build (no such size) are left
   * out.
   */
  static Stream<Arguments> cases(long seed, int tries, int minN, int maxN) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Arguments> cases = new ArrayList<>();
    for (int i = 0; i < tries; i++) {
      String graph = GRAPHS.get(random.nextInt(GRAPHS.size()));
      String rule = RULES.get(random.nextInt(RULES.size()));
      int n = random.nextInt(minN, maxN + 1);
      long providerSeed = random.nextLong(0, 1_000_001);
      if (parametersFor(graph, n, providerSeed) != null) {
        cases.add(Arguments.of(graph, rule, n, providerSeed));
      }
    }
    return cases.stream();
  }

  static Stream<Arguments> matrixCases() {
    return cases(20231100201L, 300, 1, 36);
  }

  static Stream<Arguments> droppedLinkCases() {
    return cases(20231100202L, 60, 2, 30);
  }

  /** Valid parameters of {@code graph} for n agents, or null when the family has no such size. */
  static Map<String, Object> parametersFor(String graph, int n, long seed) {
    Map<String, Object> p = new HashMap<>();
    int pick = (int) Math.floorMod(seed, 1000L);
    switch (graph) {
      case "ring":
        if (n < 3) {
          return null;
        }
        p.put("neighbors", 1 + pick % ((n - 1) / 2));
        return p;
      case "watts-strogatz":
        if (n < 5) {
          return null;
        }
        p.put("neighbors", 1 + pick % Math.min(3, (n - 1) / 2));
        p.put("rewire", (pick % 11) / 10.0);
        return p;
      case "grid":
      case "torus":
        {
          int rows = 1;
          for (int r = 2; r * r <= n; r++) {
            if (n % r == 0) {
              rows = r;
            }
          }
          p.put("rows", rows);
          p.put("cols", n / rows);
          return p;
        }
      case "hypercube":
        return Integer.bitCount(n) == 1 ? p : null;
      case "erdos-renyi":
        p.put("p", Math.min(1.0, 0.2 + 3.0 * Math.log(n + 1) / n));
        return p;
      case "random-geometric":
        p.put("radius", Math.min(1.5, 0.3 + 1.5 * Math.sqrt(Math.log(n + 1) / n)));
        return p;
      default:
        return p;
    }
  }

  @ParameterizedTest(name = "{0} {1} n={2} seed={3}")
  @MethodSource("matrixCases")
  void everyRuleGivesAValidMatrix(String graph, String rule, int n, long seed) {
    Map<String, Object> params = parametersFor(graph, n, seed);
    Map<String, Object> metro = new HashMap<>(params);
    metro.put("weights", "metropolis");
    CommunicationGraph g = TopologyTesting.graphOf(TopologyTesting.build(graph, metro, n, seed));
    assertThat(g.isConnected()).isTrue();
    assertThat(g.isConnectedJGraphT()).isTrue();
    params.put("weights", rule);
    if (rule.equals("lazy")) {
      params.put("base", n % 2 == 0 ? "max-degree" : "random");
    }
    if (rule.equals("equal") && !g.isRegular()) {
      assertThatThrownBy(() -> TopologyTesting.build(graph, params, n, seed))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("regular")
          .hasMessageContaining(g.distinctDegrees().toString());
      return;
    }
    Topology t = TopologyTesting.build(graph, params, n, seed);
    MixingMatrix w = t.mixing(0);
    assertThat(TopologyTesting.graphOf(t)).isEqualTo(g);
    TopologyTesting.assertDoublyStochasticOn(w, g);
    double sigma = TopologyTesting.jacobiSigma(w);
    assertThat(sigma).isLessThan(1.0);
    assertThat(t.sigma()).isCloseTo(sigma, within(Tolerances.EXACT));
    assertThat(Spectral.sigma(w)).isCloseTo(sigma, within(Tolerances.EXACT));
  }

  @ParameterizedTest(name = "{0} {1} n={2} seed={3}")
  @MethodSource("droppedLinkCases")
  void roundsWithDroppedLinksStayDoublyStochastic(String graph, String rule, int n, long seed) {
    Map<String, Object> params = parametersFor(graph, n, seed);
    params.put("weights", rule.equals("equal") ? "metropolis" : rule);
    params.put("drop", (seed % 9) / 10.0 + 0.05);
    Topology t = TopologyTesting.build(graph, params, n, seed);
    assertThat(t.isTimeVarying()).isTrue();
    GraphTopology gt = (GraphTopology) t;
    for (long round = 0; round < 10; round++) {
      CommunicationGraph up = gt.linksUp(round);
      for (int[] e : up.edges()) {
        assertThat(gt.graph().hasEdge(e[0], e[1])).isTrue();
      }
      TopologyTesting.assertDoublyStochasticOn(t.mixing(round), up);
    }
  }
}
