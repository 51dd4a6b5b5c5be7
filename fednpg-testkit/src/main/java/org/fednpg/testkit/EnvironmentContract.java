package org.fednpg.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.fednpg.api.Environment;
import org.fednpg.api.EnvironmentContext;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.Parameters;
import org.fednpg.api.RandomSource;
import org.fednpg.api.model.GenerativeModel;
import org.fednpg.envs.io.MdpFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every environment provider meets: a documented, registered, lower-case provider
 * whose environments are deterministic per seed, describe themselves and round-trip through the
 * {@code fednpg-mdp/1} file format. A provider's test extends this class and gives the provider and
 * parameters for a small instance (defaults unless overridden) and, optionally, a multi-agent
 * variant to check too.
 */
public abstract class EnvironmentContract {

  /**
   * The parameter-naming convention of every built-in: snake_case ({@code critic_step}, {@code
   * delay_ms}); a key of a nested block is its block's name, a dot and a snake_case key ({@code
   * features.dim}, from {@code features: {type: random, dim: 8}}). Provider names keep their own
   * rule (lower case, digits and '-').
   */
  public static final String PARAMETER_NAME =
      "[a-z][a-z0-9]*(_[a-z0-9]+)*(\\.[a-z][a-z0-9]*(_[a-z0-9]+)*)?";

  @TempDir protected Path tempDir;

  /** The provider under test. */
  protected abstract EnvironmentProvider provider();

  /** Parameters of a small instance; the defaults unless the provider has required ones. */
  protected Map<String, Object> smallParameters() {
    return Map.of();
  }

  /** Parameters of a multi-agent instance, or the small ones. */
  protected Map<String, Object> multiAgentParameters() {
    return smallParameters();
  }

  protected Environment build(Map<String, Object> raw, long seed) {
    return provider()
        .create(
            Parameters.resolve(
                "environment '" + provider().name() + "'", provider().parameters(), raw, tempDir),
            new EnvironmentContext(RandomSource.of(seed).child("environment")));
  }

  @Test
  void nameIsLowerCaseAndFileNameSafe() {
    assertThat(provider().name()).matches("[a-z][a-z0-9-]*");
    assertThat(provider().description()).isNotBlank().doesNotContain("\n");
  }

  @Test
  void everyParameterIsDocumented() {
    Set<String> names = new HashSet<>();
    for (ParameterSpec spec : provider().parameters()) {
      assertThat(spec.name()).as("parameter names are snake_case").matches(PARAMETER_NAME);
      assertThat(spec.description()).as(spec.name()).isNotBlank();
      assertThat(names.add(spec.name())).as("duplicate " + spec.name()).isTrue();
    }
  }

  @Test
  void isRegisteredWithTheServiceLoader() {
    assertThat(
            ServiceLoader.load(EnvironmentProvider.class).stream()
                .map(ServiceLoader.Provider::type))
        .contains(provider().getClass().asSubclass(EnvironmentProvider.class));
  }

  @Test
  void createsAnEnvironmentThatDescribesItself() {
    Environment env = build(smallParameters(), 1);
    assertThat(env.mdp().states()).isPositive();
    assertThat(env.describe()).isNotBlank().contains(Integer.toString(env.mdp().states()));
    GenerativeModel model = env.generativeModel();
    assertThat(model.states()).isEqualTo(env.mdp().states());
    assertThat(model.actions()).isEqualTo(env.mdp().actions());
  }

  @Test
  void createsWithDefaultsWhenNothingIsRequired() {
    if (provider().parameters().stream().noneMatch(ParameterSpec::required)) {
      Environment env = build(Map.of(), 5);
      assertThat(env.mdp().agents()).isPositive();
    } else {
      assertThat(smallParameters()).isNotEmpty();
    }
  }

  @Test
  void sameSeedGivesTheSameEnvironment() {
    Environment a = build(multiAgentParameters(), 42);
    Environment b = build(multiAgentParameters(), 42);
    assertThat(a.mdp()).isEqualTo(b.mdp());
    assertThat(a.describe()).isEqualTo(b.describe());
    assertThat(a.manifestInfo()).isEqualTo(b.manifestInfo());
  }

  @Test
  void roundTripsThroughTheMdpFileFormat() {
    for (Map<String, Object> raw : List.of(smallParameters(), multiAgentParameters())) {
      Environment env = build(raw, 3);
      Path file = tempDir.resolve(provider().name() + "-roundtrip.json");
      MdpFiles.write(env.mdp(), file);
      assertThat(MdpFiles.read(file)).isEqualTo(env.mdp());
      assertThat(MdpFiles.read(file).name()).isEqualTo(env.mdp().name());
    }
  }
}
