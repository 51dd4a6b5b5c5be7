package org.fednpg.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.core.plugin.PluginJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs build the same run with a plugin environment, compiled here into its own jar, whose
 * {@code manifestInfo()} is a {@code Map.of} of eight keys (an immutable map whose iteration order
 * is salted per JVM); the fingerprints agree, and name the plugin jar with its SHA-256.
 */
class FingerprintAcrossJvmsTest {

  private static final String PLUGIN =
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

      public final class MapOfProvider implements EnvironmentProvider {
        public String name() { return "map-of"; }
        public String description() { return "two states, manifestInfo a Map.of"; }
        public List<ParameterSpec> parameters() { return List.of(); }
        public Environment create(Parameters p, EnvironmentContext c) {
          TransitionKernel.Builder k = TransitionKernel.builder(2, 2);
          k.add(0, 0, 0, 1.0); k.add(0, 1, 1, 1.0); k.add(1, 0, 0, 1.0); k.add(1, 1, 1, 1.0);
          RewardTable r = RewardTable.of(2, 2, new double[] {0, 1, 0.5, 0.25});
          MultiTaskMdp mdp = MultiTaskMdp.of("map-of", k.build(), 0.9, null,
              List.of(r, r, r, r));
          return new Environment() {
            public MultiTaskMdp mdp() { return mdp; }
            public Map<String, Object> manifestInfo() {
              return Map.of("alpha", 1, "beta", 0.1, "gamma", "g", "delta", true,
                  "epsilon", List.of(1, 2), "zeta", 2.5e-7, "eta", Map.of("x", 1, "y", 2),
                  "theta", 42L);
            }
          };
        }
      }
      """;

  @TempDir Path tmp;

  @Test
  void twoJvmsAgreeOnARunWithAMapOfManifestInfo() throws Exception {
    Path jar = pluginJar();
    Process a = childJvm(jar);
    Process b = childJvm(jar);
    String first = output(a);
    String second = output(b);
    assertThat(second).isEqualTo(first);
    assertThat(RunFingerprint.difference(first, second)).isEmpty();
    assertThat(first)
        .contains("environment={\"alpha\":1,\"beta\":0.1000000000000000055511151231257827")
        .contains("plugins=[map-of.jar sha256:" + PluginJar.sha256(jar) + "]");
  }

  private Path pluginJar() throws IOException {
    Path src = tmp.resolve("src/example/MapOfProvider.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, PLUGIN);
    Path classes = tmp.resolve("classes");
    Files.createDirectories(classes);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status =
        javac.run(
            null,
            null,
            null,
            "-proc:none",
            "-cp",
            System.getProperty("java.class.path"),
            "-d",
            classes.toString(),
            src.toString());
    assertThat(status).as("javac").isZero();
    Path jar = tmp.resolve("map-of.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("META-INF/services/" + EnvironmentProvider.class.getName()));
      out.write("example.MapOfProvider\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
      try (Stream<Path> files = Files.walk(classes)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
          out.write(Files.readAllBytes(f));
          out.closeEntry();
        }
      }
    }
    return jar;
  }

  private static Process childJvm(Path jar) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                FingerprintMain.class.getName(),
                jar.toString(),
                "map-of"));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static String output(Process p) throws Exception {
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
    assertThat(p.exitValue()).as("child JVM exit status; output: " + out).isZero();
    return out;
  }
}
