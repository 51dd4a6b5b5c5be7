package org.fednpg.envs;

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
import org.fednpg.api.RandomSource;
import org.fednpg.api.model.GenerativeModel;
import org.fednpg.envs.io.MdpFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract every environment provider of this module meets; each provider's test extends
 * this class. Subclasses give the provider and parameters for a small instance (defaults unless
 * overridden) and, optionally, a multi-agent variant to round-trip too.
 */
public abstract class EnvironmentProviderContractTest {

  @TempDir
  protected Path tempDir;

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
    return provider().create(TestSupport.parameters(provider(), raw, tempDir),
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
      assertThat(spec.name()).matches("[a-z][a-z0-9-]*");
      assertThat(spec.description()).as(spec.name()).isNotBlank();
      assertThat(names.add(spec.name())).as("duplicate " + spec.name()).isTrue();
    }
  }

  @Test
  void isRegisteredWithTheServiceLoader() {
    assertThat(ServiceLoader.load(EnvironmentProvider.class).stream()
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
