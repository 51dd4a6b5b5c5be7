package org.fednpg.envs.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.fednpg.api.Environment;
import org.fednpg.api.EnvironmentContext;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.RandomSource;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.envs.TestSupport;
import org.fednpg.testing.RandomMdps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code file}; the contract runs in fednpg-testkit (BuiltInEnvironmentsTest). */
class MdpFileProviderTest {

  private static final MultiTaskMdp SOURCE = RandomMdps.create(5, 6, 2, 3, 4, 0.8);

  protected EnvironmentProvider provider() {
    return new MdpFileProvider();
  }

  @TempDir Path tempDir;

  private Environment build(Map<String, Object> raw, long seed) {
    return provider()
        .create(
            TestSupport.parameters(provider(), raw, tempDir),
            new EnvironmentContext(RandomSource.of(seed).child("environment")));
  }

  /** A file written into the temp folder, named relative to it (the spec's folder). */
  protected Map<String, Object> smallParameters() {
    MdpFiles.write(SOURCE, tempDir.resolve("data/source.json"));
    return Map.of("path", "data/source.json");
  }

  @Test
  void loadsTheFileRelativeToTheSpecFolder() {
    Environment env = build(smallParameters(), 1);
    assertThat(env.mdp()).isEqualTo(SOURCE);
    assertThat(env.mdp().agents()).isEqualTo(4);
    assertThat(env.manifestInfo().get("file").toString()).endsWith("source.json");
  }

  @Test
  void pathIsRequiredAndErrorsNameTheFile() {
    assertThatThrownBy(() -> build(Map.of(), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'path'");
    assertThatThrownBy(() -> build(Map.of("path", "nope.json"), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("nope.json: ");
  }
}
