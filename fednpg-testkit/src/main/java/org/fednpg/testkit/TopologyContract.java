package org.fednpg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;
import org.fednpg.api.RandomSource;
import org.fednpg.api.Topology;
import org.fednpg.api.TopologyContext;
import org.fednpg.api.TopologyProvider;
import org.fednpg.api.model.MixingMatrix;
import org.fednpg.core.theory.SpectralNorm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every topology provider meets (SPEC §2): a documented, registered provider whose
 * every W^(t) is N×N, non-negative and doubly stochastic, whose σ is below 1 and agrees with an
 * independent computation, whose matrices depend only on the seed, whose {@code mixing(round)}
 * gives the same matrix however often and in whatever order it is asked, and which refuses bad
 * parameters with an {@link InvalidInputException}. A provider's test extends this class.
 */
public abstract class TopologyContract {

  /** Rounding allowed on row and column sums: a sum of N ≤ 64 weights, each rounded once. */
  public static final double SUM_TOLERANCE = 1e-12;

  /**
   * Agreement of σ with the dense Jacobi computation here: both are backward stable to a few ulps
   * of ‖W‖ ≤ 1 (our choice of margin).
   */
  public static final double SIGMA_TOLERANCE = 1e-9;

  /** Rounds checked for time-varying topologies. */
  protected static final int ROUNDS = 8;

  @TempDir protected Path tempDir;

  /** The provider under test. */
  protected abstract TopologyProvider provider();

  /** N for the instance under test; 8 by default (a hypercube, a 2×4 grid, ...). */
  protected int agents() {
    return 8;
  }

  /** Parameters of the instance under test; the defaults unless overridden. */
  protected Map<String, Object> parameters() {
    return Map.of();
  }

  /** Parameter sets that must be refused with an {@link InvalidInputException}. */
  protected List<Map<String, Object>> invalidParameters() {
    return List.of();
  }

  /** Builds the provider's topology on {@code agents} agents from raw parameters. */
  protected Topology build(Map<String, Object> raw, int agents, long seed) {
    Parameters p =
        Parameters.resolve(
            "topology '" + provider().name() + "'", provider().parameters(), raw, tempDir);
    return provider()
        .create(p, new TopologyContext(agents, RandomSource.of(seed).child("topology")));
  }

  @Test
  void nameAndParametersAreDocumented() {
    assertThat(provider().name()).matches("[a-z][a-z0-9-]*");
    assertThat(provider().description()).isNotBlank().doesNotContain("\n");
    Set<String> names = new HashSet<>();
    for (ParameterSpec spec : provider().parameters()) {
      assertThat(spec.name())
          .as("parameter names are snake_case")
          .matches(EnvironmentContract.PARAMETER_NAME);
      assertThat(spec.description()).as(spec.name()).isNotBlank();
      assertThat(names.add(spec.name())).as("duplicate " + spec.name()).isTrue();
    }
  }

  @Test
  void isRegisteredWithTheServiceLoader() {
    assertThat(
            ServiceLoader.load(TopologyProvider.class).stream().map(ServiceLoader.Provider::type))
        .contains(provider().getClass().asSubclass(TopologyProvider.class));
  }

  @Test
  void everyMixingMatrixIsNonNegativeAndDoublyStochastic() {
    Topology t = build(parameters(), agents(), 1);
    assertThat(t.agents()).isEqualTo(agents());
    int rounds = t.isTimeVarying() ? ROUNDS : 1;
    for (int r = 0; r < rounds; r++) {
      double[][] w = t.mixing(r).toArray();
      assertThat(w.length).as("rows of W^(%d)", r).isEqualTo(agents());
      for (int n = 0; n < w.length; n++) {
        assertThat(w[n]).as("row %d of W^(%d)", n, r).hasSize(agents());
        double row = 0;
        double column = 0;
        for (int m = 0; m < w.length; m++) {
          assertThat(w[n][m]).as("W^(%d)[%d][%d]", r, n, m).isGreaterThanOrEqualTo(0.0);
          row += w[n][m];
          column += w[m][n];
        }
        assertThat(Math.abs(row - 1))
            .as("row %d sum of W^(%d)", n, r)
            .isLessThanOrEqualTo(SUM_TOLERANCE);
        assertThat(Math.abs(column - 1))
            .as("column %d sum of W^(%d)", n, r)
            .isLessThanOrEqualTo(SUM_TOLERANCE);
      }
    }
  }

  @Test
  void sigmaIsBelowOneAndMatchesADenseComputation() {
    Topology t = build(parameters(), agents(), 1);
    assertThat(t.sigma()).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
    if (!t.isTimeVarying()) {
      assertThat(Math.abs(t.sigma() - sigma(t.mixing(0))))
          .as("σ reported vs ‖W − 11ᵀ/N‖₂ by Jacobi")
          .isLessThanOrEqualTo(SIGMA_TOLERANCE);
    }
  }

  @Test
  void sameSeedGivesTheSameMatrices() {
    Topology a = build(parameters(), agents(), 42);
    Topology b = build(parameters(), agents(), 42);
    assertThat(b.isTimeVarying()).isEqualTo(a.isTimeVarying());
    assertThat(b.sigma()).isEqualTo(a.sigma());
    for (int r = 0; r < ROUNDS; r++) {
      assertThat(b.mixing(r)).as("W^(%d)", r).isEqualTo(a.mixing(r));
    }
  }

  @Test
  void mixingOfARoundIsTheSameHoweverOftenAndInWhateverOrderItIsAsked() {
    Topology a = build(parameters(), agents(), 7);
    Map<Integer, MixingMatrix> first = new HashMap<>();
    for (int r = ROUNDS - 1; r >= 0; r--) {
      first.put(r, a.mixing(r));
    }
    for (int r = 0; r < ROUNDS; r++) {
      assertThat(a.mixing(r)).as("W^(%d) asked again", r).isEqualTo(first.get(r));
      if (!a.isTimeVarying()) {
        assertThat(a.mixing(r)).as("a static topology's W^(%d)", r).isEqualTo(first.get(0));
      }
    }
  }

  @Test
  void badParametersAreRefusedWithAClearError() {
    for (Map<String, Object> bad : invalidParameters()) {
      assertThatThrownBy(() -> build(bad, agents(), 1))
          .as("parameters %s", bad)
          .isInstanceOf(InvalidInputException.class);
    }
    for (ParameterSpec spec : provider().parameters()) {
      if (spec.type() == ParameterType.INTEGER || spec.type() == ParameterType.NUMBER) {
        Map<String, Object> raw = new HashMap<>(parameters());
        raw.put(spec.name(), spec.type() == ParameterType.INTEGER ? -1L : -1.0);
        // either a valid topology or a refusal naming the problem; never another exception
        assertThatCode(
                () -> {
                  try {
                    Topology t = build(raw, agents(), 1);
                    assertThat(t.sigma()).isLessThan(1.0);
                  } catch (InvalidInputException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                  }
                })
            .as("%s = -1", spec.name())
            .doesNotThrowAnyException();
      }
    }
    assertThatThrownBy(() -> build(Map.of("no_such_parameter", 1), agents(), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("no_such_parameter");
  }

  /**
   * σ = ‖W − 11ᵀ/N‖₂ by cyclic Jacobi rotations on (W − J)ᵀ(W − J) (core's {@code SpectralNorm}),
   * independent of the EJML singular-value decomposition the topologies use.
   */
  static double sigma(MixingMatrix mixing) {
    return SpectralNorm.sigma(mixing.toArray());
  }
}
