package org.fednpg.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fednpg.api.Environment;
import org.fednpg.api.EnvironmentContext;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.FedNpgException;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.Parameters;
import org.fednpg.core.plugin.ComponentRegistry.Family;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginDiscoveryTest {

  /** Two providers claiming one name. */
  public static class DuplicateA implements EnvironmentProvider {
    @Override
    public String name() {
      return "dup";
    }

    @Override
    public String description() {
      return "first";
    }

    @Override
    public List<ParameterSpec> parameters() {
      return List.of();
    }

    @Override
    public Environment create(Parameters parameters, EnvironmentContext context) {
      throw new UnsupportedOperationException("never built");
    }
  }

  /** The second claimant. */
  public static class DuplicateB extends DuplicateA {}

  @TempDir Path tmp;

  @Test
  void everyFamilyIsDiscoveredFromTheClasspath() {
    ComponentRegistry r = Plugins.registry();
    assertThat(r.providers(Family.ALGORITHM)).containsKeys("fednpg", "naive", "centralized");
    assertThat(r.providers(Family.EVALUATOR)).containsKey("exact");
    assertThat(r.providers(Family.ENVIRONMENT)).containsKeys("garnet", "forest", "file");
    assertThat(r.providers(Family.TOPOLOGY)).containsKeys("ring", "complete", "file");
  }

  @Test
  void everyFamilyOfTheTableIsDiscoveredWithProvidersOfItsInterface() {
    ComponentRegistry r = Plugins.registry();
    for (Family family : Family.values()) {
      assertThat(r.providers(family)).as(family.plural()).isNotEmpty();
      r.providers(family)
          .forEach(
              (name, p) -> {
                assertThat(p).as(name).isInstanceOf(family.providerType());
                assertThat(p.name()).isEqualTo(name);
              });
    }
    assertThat(r.providers(Family.RUNTIME)).containsKey("inprocess");
  }

  @Test
  void unknownNameListsTheAvailableOnes() {
    assertThatThrownBy(() -> Plugins.registry().algorithm("fedsgd"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown algorithm type 'fedsgd'")
        .hasMessageContaining("centralized, fednac, fednpg, naive");
  }

  @Test
  void duplicateNamesAreRefusedNamingBothClasses() throws IOException {
    Path services = tmp.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve(EnvironmentProvider.class.getName()),
        DuplicateA.class.getName() + "\n" + DuplicateB.class.getName() + "\n");
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {tmp.toUri().toURL()}, getClass().getClassLoader())) {
      assertThatThrownBy(() -> Plugins.registry(loader))
          .isInstanceOf(FedNpgException.class)
          .hasMessageContaining("duplicate EnvironmentProvider name 'dup'")
          .hasMessageContaining("DuplicateA")
          .hasMessageContaining("DuplicateB");
    }
  }
}
