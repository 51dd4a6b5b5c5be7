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

/** {@code files}: a kernel file and one reward file per agent (issue 19). */
class SplitMdpFilesProviderTest {

  private static final MultiTaskMdp SOURCE = RandomMdps.create(5, 6, 2, 3, 4, 0.8);

  private final EnvironmentProvider provider = new SplitMdpFilesProvider();

  @TempDir Path tempDir;

  private Environment build(Map<String, Object> raw, long seed) {
    return provider.create(
        TestSupport.parameters(provider, raw, tempDir),
        new EnvironmentContext(RandomSource.of(seed).child("environment")));
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
  void theRewardsPatternMustNameTheAgent() throws Exception {
    MdpFiles.write(SOURCE, tempDir.resolve("k.json"));
    assertThatThrownBy(
            () -> build(Map.of("kernel", "k.json", "rewards", "r.json", "agents", 2L), 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("{agent}");
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
