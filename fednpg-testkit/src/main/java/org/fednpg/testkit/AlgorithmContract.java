package org.fednpg.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MixingMatrix;
import org.fednpg.api.run.AgentProcess;
import org.fednpg.api.run.Algorithm;
import org.fednpg.api.run.AlgorithmProvider;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.runtime.Checkpoint;
import org.junit.jupiter.api.Test;

/**
 * The contract every algorithm meets, run through the real registry, assembler and in-process
 * runtime ({@link Harness}): the same seed gives the same rows bit for bit, the thread count does
 * not change them, a run restored from a checkpoint continues bit for bit, every agent offers
 * finite tables of one shape per exchange and keeps a normalised policy, and the metrics of a short
 * run on a small MDP are finite with a non-negative gap. A provider's test extends this class and
 * names the algorithm (with parameters) and, optionally, the rest of the spec.
 */
public abstract class AlgorithmContract {

  /** Rounding allowed on Σ_a π(a|s) = 1 and on a gap that is 0 in exact arithmetic. */
  public static final double ROUNDING = 1e-12;

  /** Iterations of the contract's runs. */
  protected static final int ITERATIONS = 6;

  /** The harness the contract builds with (every provider on the test class path). */
  protected final Harness harness = new Harness();

  /** The algorithm under test: its provider name and parameters. */
  protected abstract Harness.Component algorithm();

  /**
   * The spec of the contract's runs: a 6-state, 3-action, 4-agent Garnet on a ring with the default
   * evaluator, seed 7, {@link #ITERATIONS} iterations. Override for an algorithm that needs another
   * environment or evaluator.
   */
  protected Harness.Spec spec() {
    return Harness.Spec.of("garnet", algorithm().type())
        .environment("garnet", "states", 6, "actions", 3, "branching", 3, "agents", 4)
        .algorithm(algorithm())
        .seed(7)
        .iterations(ITERATIONS);
  }

  /** Whether the algorithm's agents implement snapshot/restore (checked when true). */
  protected boolean supportsCheckpoints() {
    return true;
  }

  private AlgorithmProvider provider() {
    for (AlgorithmProvider p : ServiceLoader.load(AlgorithmProvider.class)) {
      if (p.name().equals(algorithm().type())) {
        return p;
      }
    }
    throw new AssertionError(
        "algorithm '"
            + algorithm().type()
            + "' is not registered in META-INF/services/"
            + AlgorithmProvider.class.getName());
  }

  @Test
  void isRegisteredAndDocumented() {
    AlgorithmProvider p = provider();
    assertThat(p.name()).matches("[a-z][a-z0-9-]*");
    assertThat(p.description()).isNotBlank().doesNotContain("\n");
    Set<String> names = new HashSet<>();
    for (ParameterSpec spec : p.parameters()) {
      assertThat(spec.name())
          .as("parameter names are snake_case")
          .matches(EnvironmentContract.PARAMETER_NAME);
      assertThat(spec.description()).as(spec.name()).isNotBlank();
      assertThat(names.add(spec.name())).as("duplicate " + spec.name()).isTrue();
    }
  }

  @Test
  void sameSeedGivesTheSameRowsBitForBit() {
    List<IterationMetrics> a = Harness.withoutTiming(harness.run(spec()).rows());
    List<IterationMetrics> b = Harness.withoutTiming(harness.run(spec()).rows());
    assertThat(b).isEqualTo(a);
  }

  @Test
  void threadCountDoesNotChangeTheRows() {
    List<IterationMetrics> one = Harness.withoutTiming(harness.run(spec().threads(1)).rows());
    List<IterationMetrics> three = Harness.withoutTiming(harness.run(spec().threads(3)).rows());
    assertThat(three).isEqualTo(one);
  }

  @Test
  void aRunRestoredFromACheckpointContinuesBitForBit() {
    if (!supportsCheckpoints()) {
      return;
    }
    int half = ITERATIONS / 2;
    Harness.Result whole = harness.run(spec(), half, null);
    assertThat(whole.checkpoints()).isNotEmpty();
    Checkpoint mid = whole.checkpoints().get(0);
    assertThat(mid.iteration()).isEqualTo(half);
    Harness.Result resumed = harness.run(spec(), 0, mid);
    List<IterationMetrics> after = whole.rows().stream().filter(r -> r.iteration() > half).toList();
    assertThat(Harness.withoutTiming(resumed.rows())).isEqualTo(Harness.withoutTiming(after));
    for (int i = 0; i < whole.algorithm().agents().size(); i++) {
      assertThat(resumed.algorithm().agents().get(i).policy().toArray())
          .as("agent %d policy", i)
          .containsExactly(whole.algorithm().agents().get(i).policy().toArray());
    }
  }

  @Test
  void everyAgentOffersFiniteTablesOfOneShapeAndKeepsANormalisedPolicy() {
    Harness.Built built = harness.build(spec());
    Algorithm algorithm = built.algorithm();
    List<? extends AgentProcess> agents = algorithm.agents();
    int n = agents.size();
    assertThat(n).isPositive();
    assertThat(algorithm.exchangesPerIteration()).isPositive();
    for (AgentProcess a : agents) {
      a.initialize();
    }
    for (long t = 0; t < 2; t++) {
      MixingMatrix w =
          algorithm.usesTopology() ? built.topology().mixing(t) : MixingMatrix.identity(n);
      assertThat(w.size()).isEqualTo(n);
      for (int k = 0; k < algorithm.exchangesPerIteration(); k++) {
        List<double[]> sent = new ArrayList<>();
        for (AgentProcess a : agents) {
          sent.add(a.send(t, k).clone());
        }
        int length = sent.get(0).length;
        assertThat(length).as("table of exchange %d", k).isPositive();
        for (int i = 0; i < n; i++) {
          assertThat(sent.get(i))
              .as("agent %d, iteration %d, exchange %d", i, t, k)
              .hasSize(length);
          for (double x : sent.get(i)) {
            assertThat(x).as("agent %d offers finite entries", i).isFinite();
          }
        }
        for (int i = 0; i < n; i++) {
          double[] mixed = new double[length];
          for (int m = 0; m < n; m++) {
            double wm = w.weight(i, m);
            for (int e = 0; e < length; e++) {
              mixed[e] += wm * sent.get(m)[e];
            }
          }
          agents.get(i).receive(t, k, mixed);
        }
      }
      for (int i = 0; i < n; i++) {
        LogPolicy pi = agents.get(i).policy();
        assertThat(pi.states()).isEqualTo(built.mdp().states());
        assertThat(pi.actions()).isEqualTo(built.mdp().actions());
        for (int s = 0; s < pi.states(); s++) {
          double sum = 0;
          for (int a = 0; a < pi.actions(); a++) {
            sum += pi.probability(s, a);
          }
          assertThat(Math.abs(sum - 1)).as("Σ_a π_%d(a|%d)", i, s).isLessThanOrEqualTo(ROUNDING);
        }
        assertThat(agents.get(i).samples()).isGreaterThanOrEqualTo(0);
      }
    }
  }

  @Test
  void metricsOfAShortRunAreFinite() {
    Harness.Result r = harness.run(spec());
    assertThat(r.rows()).hasSize(ITERATIONS + 1);
    long samples = 0;
    for (IterationMetrics m : r.rows()) {
      assertThat(m.value()).as("value at t=%d", m.iteration()).isFinite();
      assertThat(m.optimalityGap())
          .as("gap at t=%d", m.iteration())
          .isFinite()
          .isGreaterThanOrEqualTo(-ROUNDING * Math.max(1, Math.abs(m.value())));
      assertThat(m.consensus())
          .as("consensus at t=%d", m.iteration())
          .isFinite()
          .isGreaterThanOrEqualTo(0.0);
      assertThat(m.samples()).as("samples never decrease").isGreaterThanOrEqualTo(samples);
      samples = m.samples();
    }
  }
}
