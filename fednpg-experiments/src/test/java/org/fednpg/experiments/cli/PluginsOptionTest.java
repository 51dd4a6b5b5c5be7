package org.fednpg.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.core.plugin.PluginJar;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --plugins}: a jar compiled here (so its classes exist nowhere else) adds an environment
 * that {@code run}, {@code list} and {@code env} can use; the manifest records the jar.
 */
class PluginsOptionTest {

  private static final String SOURCE =
      """
      package example;

      import java.util.List;
      import java.util.Map;
      import org.fednpg.api.Environment;
      import org.fednpg.api.EnvironmentContext;
      import org.fednpg.api.EnvironmentProvider;
      import org.fednpg.api.ParameterSpec;
      import org.fednpg.api.Parameters;
      import org.fednpg.api.model.MultiTaskMdp;
      import org.fednpg.api.model.RewardTable;
      import org.fednpg.api.model.TransitionKernel;

      public final class LoopProvider implements EnvironmentProvider {
        public String name() { return "loop"; }
        public String description() { return "two states swapping"; }
        public List<ParameterSpec> parameters() { return List.of(); }
        public Environment create(Parameters p, EnvironmentContext c) {
          TransitionKernel.Builder k = TransitionKernel.builder(2, 2);
          k.add(0, 0, 0, 1.0); k.add(0, 1, 1, 1.0); k.add(1, 0, 1, 1.0); k.add(1, 1, 0, 1.0);
          RewardTable r = RewardTable.of(2, 2, new double[] {0, 1, 1, 0});
          return Environment.of(MultiTaskMdp.of("loop", k.build(), 0.9, null, List.of(r, r, r)),
              Map.of("b", 2, "a", 1));
        }
      }
      """;

  @TempDir Path tmp;

  private Path jar() throws IOException {
    Path src = tmp.resolve("src/example/LoopProvider.java");
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
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "0.9");
    Path jar = tmp.resolve("jars/loop-plugin.jar");
    Files.createDirectories(jar.getParent());
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
      out.putNextEntry(new JarEntry("META-INF/services/" + EnvironmentProvider.class.getName()));
      out.write("example.LoopProvider\n".getBytes(StandardCharsets.UTF_8));
      out.putNextEntry(new JarEntry("example/LoopProvider.class"));
      out.write(Files.readAllBytes(classes.resolve("example/LoopProvider.class")));
      out.closeEntry();
    }
    return jar;
  }

  @Test
  void aRunWithAPluginEnvironmentRecordsTheJarInItsManifest() throws IOException {
    Path jar = jar();
    Path spec =
        Files.writeString(
            tmp.resolve("spec.yaml"),
            """
        name: loop
        seed: 1
        iterations: 3
        environment: {type: loop}
        topology: {type: ring}
        algorithm: {type: fednpg, eta: 0.1}
        """);
    CliHarness.Outcome o =
        CliHarness.run(
            "--plugins",
            jar.toString(),
            "run",
            spec.toString(),
            "--out",
            tmp.resolve("out").toString());
    assertThat(o.status()).as(o.err()).isZero();
    JsonNode plugins =
        new ObjectMapper().readTree(tmp.resolve("out/manifest.json").toFile()).get("plugins");
    assertThat(plugins).hasSize(1);
    assertThat(plugins.get(0).get("file").asText()).isEqualTo("loop-plugin.jar");
    assertThat(plugins.get(0).get("version").asText()).isEqualTo("0.9");
    assertThat(plugins.get(0).get("sha256").asText()).isEqualTo(PluginJar.sha256(jar));
  }

  /**
   * The embedded nodes of the in-JVM {@code pekko} runtime rebuild the run from the registry the
   * submitting command built (no process-wide registry): the plugin environment works there, and
   * the last row's value is the in-process one.
   */
  @Test
  void embeddedPekkoNodesBuildThePluginEnvironmentFromTheSubmittersRegistry() throws IOException {
    Path jar = jar();
    Path spec =
        Files.writeString(
            tmp.resolve("spec.yaml"),
            """
        name: loop
        seed: 1
        iterations: 3
        environment: {type: loop}
        topology: {type: ring}
        algorithm: {type: fednpg, eta: 0.1}
        """);
    CliHarness.Outcome local =
        CliHarness.run(
            "--plugins",
            jar.toString(),
            "run",
            spec.toString(),
            "--out",
            tmp.resolve("local").toString());
    assertThat(local.status()).as(local.err()).isZero();
    CliHarness.Outcome pekko =
        CliHarness.run(
            "--plugins",
            jar.toString(),
            "run",
            spec.toString(),
            "--out",
            tmp.resolve("pekko").toString(),
            "--runtime",
            "pekko");
    assertThat(pekko.status()).as(pekko.err()).isZero();
    ObjectMapper json = new ObjectMapper();
    JsonNode a = json.readTree(tmp.resolve("local/manifest.json").toFile());
    JsonNode b = json.readTree(tmp.resolve("pekko/manifest.json").toFile());
    assertThat(b.at("/spec/runtime/type").asText()).isEqualTo("pekko");
    assertThat(b.get("plugins").get(0).get("file").asText()).isEqualTo("loop-plugin.jar");
    // the same run on two runtimes: the pekko runtime's equivalence tests bound the difference
    assertThat(b.at("/final/value").asDouble())
        .isCloseTo(a.at("/final/value").asDouble(), within(Tolerances.REORDERED));
  }

  @Test
  void listMarksThePluginsComponentsAndAFolderWorksAfterTheCommandName() throws IOException {
    Path jar = jar();
    CliHarness.Outcome o = CliHarness.run("list", "--plugins", jar.getParent().toString());
    assertThat(o.status()).as(o.err()).isZero();
    assertThat(o.out()).contains("  loop - two states swapping [loop-plugin.jar]");
    String garnet =
        o.out().lines().filter(l -> l.startsWith("  garnet - ")).findFirst().orElseThrow();
    assertThat(garnet).as("a built-in is not marked").doesNotEndWith("]");
    CliHarness.Outcome env = CliHarness.run("env", "describe", "loop", "--plugins", jar.toString());
    assertThat(env.status()).as(env.err()).isZero();
    assertThat(env.out()).contains("2 states");
  }

  @Test
  void withoutThePluginTheUnknownTypeSaysNoJarsWereLoaded() throws IOException {
    CliHarness.Outcome o = CliHarness.run("env", "describe", "loop");
    assertThat(o.status()).isEqualTo(FedNpgCommand.EXIT_INPUT);
    assertThat(o.err())
        .contains("unknown environment type 'loop'")
        .contains("no plugin jars loaded");
    CliHarness.Outcome missing =
        CliHarness.run("--plugins", tmp.resolve("none.jar").toString(), "list");
    assertThat(missing.status()).isEqualTo(FedNpgCommand.EXIT_INPUT);
    assertThat(missing.err())
        .contains("plugin path " + tmp.resolve("none.jar") + ": no such file or folder");
  }
}
