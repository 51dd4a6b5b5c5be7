package org.fednpg.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.InvalidInputException;
import org.fednpg.core.plugin.ComponentRegistry.Family;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin jars from a path: one class loader, the jar each provider came from, clear errors. */
class PluginPathTest {

  private static final String SOURCE =
      """
      package example;

      import java.util.List;
      import org.fednpg.api.Environment;
      import org.fednpg.api.EnvironmentContext;
      import org.fednpg.api.EnvironmentProvider;
      import org.fednpg.api.ParameterSpec;
      import org.fednpg.api.Parameters;

      public final class ChainProvider implements EnvironmentProvider {
        public String name() { return "chain"; }
        public String description() { return "a chain"; }
        public List<ParameterSpec> parameters() { return List.of(); }
        public Environment create(Parameters p, EnvironmentContext c) {
          throw new UnsupportedOperationException("not built here");
        }
      }
      """;

  @TempDir Path tmp;

  /** Compiles the provider above into {@code folder/chain.jar} with a version attribute. */
  private Path chainJar(Path folder) throws IOException {
    Path src = tmp.resolve("src/example/ChainProvider.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, SOURCE);
    Path classes = tmp.resolve("classes");
    assertThat(
            ToolProvider.getSystemJavaCompiler()
                .run(
                    null,
                    null,
                    null,
                    "-proc:none",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "-d",
                    classes.toString(),
                    src.toString()))
        .isZero();
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "2.3.4");
    Files.createDirectories(folder);
    Path jar = folder.resolve("chain.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      out.putNextEntry(new JarEntry("META-INF/services/" + EnvironmentProvider.class.getName()));
      out.write("example.ChainProvider\n".getBytes(StandardCharsets.UTF_8));
      out.putNextEntry(new JarEntry("example/ChainProvider.class"));
      out.write(Files.readAllBytes(classes.resolve("example/ChainProvider.class")));
      out.closeEntry();
    }
    return jar;
  }

  @Test
  void aFolderOfJarsAddsItsProvidersAndTheRegistryKnowsTheirJar() throws IOException {
    Path jar = chainJar(tmp.resolve("plugins"));
    ComponentRegistry r =
        Plugins.registry(PluginPath.of(List.of(tmp.resolve("plugins")), List.of()));
    assertThat(r.plugins()).hasSize(1);
    PluginJar info = r.plugins().get(0);
    assertThat(info.fileName()).isEqualTo("chain.jar");
    assertThat(info.version()).isEqualTo("2.3.4");
    assertThat(info.sha256()).isEqualTo(PluginJar.sha256(jar)).hasSize(64);
    assertThat(r.source(r.environment("chain"))).contains(info);
    assertThat(r.source(r.environment("garnet"))).isEmpty();
    assertThat(r.providers(Family.ENVIRONMENT)).containsKeys("chain", "garnet");
  }

  @Test
  void anUnknownTypeListsThePluginJarsSearched() throws IOException {
    Path jar = chainJar(tmp.resolve("lib"));
    ComponentRegistry with = Plugins.registry(PluginPath.of(List.of(jar), List.of()));
    assertThatThrownBy(() -> with.environment("ladder"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown environment type 'ladder'")
        .hasMessageContaining("plugin jars searched: " + jar.toAbsolutePath().normalize());
    ComponentRegistry without = Plugins.registry(PluginPath.empty());
    assertThatThrownBy(() -> without.environment("chain"))
        .hasMessageContaining("no plugin jars loaded")
        .hasMessageContaining("--plugins");
  }

  @Test
  void missingPathsAndNonJarsAreRefusedAndAbsentOptionalFoldersSkipped() throws IOException {
    assertThatThrownBy(() -> PluginPath.of(List.of(tmp.resolve("nope.jar")), List.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("plugin path " + tmp.resolve("nope.jar") + ": no such file or folder");
    Path text = Files.writeString(tmp.resolve("notes.txt"), "x");
    assertThatThrownBy(() -> PluginPath.of(List.of(text), List.of()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("expected a .jar");
    assertThat(PluginPath.of(List.of(), List.of(tmp.resolve("absent"))).jars()).isEmpty();
  }
}
