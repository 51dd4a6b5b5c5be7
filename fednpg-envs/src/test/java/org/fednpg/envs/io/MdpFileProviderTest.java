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

  /** Kernel file plus one reward file per agent (issue 19): the same MDP as the combined file. */
  @Test
  void perAgentRewardFilesGiveTheCombinedFilesMdpAndAreReadOnDemand() throws Exception {
    MdpFiles.write(SOURCE, tempDir.resolve("kernel.json"));
    java.nio.file.Files.createDirectories(tempDir.resolve("rewards"));
    for (int n = 0; n < SOURCE.agents(); n++) {
      java.nio.file.Files.writeString(
          tempDir.resolve("rewards/agent-" + n + ".json"), MdpFiles.rewardJson(SOURCE.reward(n)));
    }
    Map<String, Object> split =
        Map.of(
            "kernel",
            "kernel.json",
            "rewards",
            "rewards/agent-{agent}.json",
            "agents",
            (long) SOURCE.agents());
    assertThat(build(split, 1).mdp()).isEqualTo(SOURCE);

    // a node holding agent 2's file only builds agent 2 and never opens the others
    for (int n = 0; n < SOURCE.agents(); n++) {
      if (n != 2) {
        java.nio.file.Files.delete(tempDir.resolve("rewards/agent-" + n + ".json"));
      }
    }
    Environment env = build(split, 1);
    MultiTaskMdp two = env.mdpFor(java.util.Set.of(2));
    assertThat(two.reward(2)).isEqualTo(SOURCE.reward(2));
    assertThat(two.holdsReward(1)).isFalse();
    assertThat(two.kernel()).isEqualTo(SOURCE.kernel());
    assertThatThrownBy(() -> env.mdpFor(java.util.Set.of(1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("agent-1.json: ");
  }

  @Test
  void splitFilesNeedAllThreeParametersAndNotPath() {
    assertThatThrownBy(() -> build(Map.of("kernel", "k.json"), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'rewards'");
    assertThatThrownBy(
            () -> build(Map.of("kernel", "k.json", "rewards", "r.json", "agents", 2L), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("{agent}");
    assertThatThrownBy(() -> build(Map.of("path", "a.json", "kernel", "k.json"), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("either 'path'");
  }

  @Test
  void aRewardFileMustHoldOneTableOfTheKernelsShape() throws Exception {
    java.nio.file.Path f = tempDir.resolve("r.json");
    java.nio.file.Files.writeString(
        f,
        "{\"format\": \"fednpg-mdp/1\", \"states\": 1, \"actions\": 2, \"rewards\": [[[1, 2]]]}");
    assertThat(MdpFiles.readReward(f, 1, 2).toArray()).containsExactly(1.0, 2.0);
    assertThatThrownBy(() -> MdpFiles.readReward(f, 2, 2))
        .hasMessageStartingWith("r.json: ")
        .hasMessageContaining("kernel's is 2x2");
    java.nio.file.Files.writeString(
        f,
        "{\"format\": \"fednpg-mdp/1\", \"states\": 1, \"actions\": 2,"
            + " \"rewards\": [[[1, 2]], [[3, 4]]]}");
    assertThatThrownBy(() -> MdpFiles.readReward(f, 1, 2)).hasMessageContaining("exactly one");
  }
}
