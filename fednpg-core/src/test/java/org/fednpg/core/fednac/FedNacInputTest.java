package org.fednpg.core.fednac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.Topology;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.run.AlgorithmProvider;
import org.fednpg.core.TestTopologies;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.testing.RandomMdps;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery, parameter validation and the features file. */
class FedNacInputTest {

  private static final MultiTaskMdp GARNET = RandomMdps.create(3, 4, 2, 2, 3, 0.9);
  private static final Topology RING = TestTopologies.ring(3);

  @TempDir Path dir;

  private static FedNacAlgorithm build(Map<String, ?> params) {
    return NacHarness.build(params, GARNET, RING, 1);
  }

  private static Map<String, Object> with(Object... kv) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void providerIsDiscoveredAndNeedsNoEvaluator() {
    AlgorithmProvider p = Plugins.registry().algorithm("fednac");
    assertThat(p).isInstanceOf(FedNacProvider.class);
    assertThat(p.requiresEvaluator()).isFalse();
  }

  @Test
  void unknownNamesAreRefusedNamingTheParameter() {
    assertThatThrownBy(() -> build(with("features", "fourier")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'features'")
        .hasMessageContaining("fourier");
    assertThatThrownBy(() -> build(with("critic", "gtd2")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'critic'")
        .hasMessageContaining("gtd2");
  }

  @Test
  void badNumbersAreRefusedNamingTheParameter() {
    assertThatThrownBy(() -> build(with("features", "random", "dim", 0)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'dim'");
    assertThatThrownBy(() -> build(with("features", "random")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'dim'");
    assertThatThrownBy(() -> build(with("features", "random", "dim", 9)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'dim'")
        .hasMessageContaining("|S|*|A| = 8");
    assertThatThrownBy(() -> build(with("samples", 0)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'samples'");
    assertThatThrownBy(() -> build(with("critic_step", 1.5)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'critic_step'");
    assertThatThrownBy(() -> build(with("eta", 1.0, "tau", 0.5)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'eta'")
        .hasMessageContaining("(1-gamma)/tau");
    assertThatThrownBy(() -> build(with("features", "file")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'path'");
    assertThatThrownBy(() -> build(with("features", "onehot", "dim", 3)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'dim'");
  }

  @Test
  void gridworldCoordsRefuseNonSquareStateSpaces() {
    MultiTaskMdp twelve = RandomMdps.create(3, 12, 2, 2, 3, 0.9);
    assertThatThrownBy(
            () -> NacHarness.build(with("features", "gridworld-coords"), twelve, RING, 1))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("gridworld-coords")
        .hasMessageContaining("12 states");
  }

  @Test
  void featureFilesWithTheWrongShapeAreRefusedNamingFileAndLine() throws IOException {
    Path rows = dir.resolve("rows.csv");
    Files.writeString(rows, "1,0\n0,1\n1,1\n");
    assertThatThrownBy(() -> build(with("features", "file", "path", rows.toString())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("rows.csv")
        .hasMessageContaining("3 rows, expected");
    Path ragged = dir.resolve("ragged.csv");
    Files.writeString(ragged, "1,0\n0,1\n1\n0,0\n1,0\n0,1\n1,1\n0,2\n");
    assertThatThrownBy(() -> build(with("features", "file", "path", ragged.toString())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("ragged.csv")
        .hasMessageContaining("line 3");
    Path text = dir.resolve("text.csv");
    Files.writeString(text, "1,0\n0,1\n1,x\n0,0\n1,0\n0,1\n1,1\n0,2\n");
    assertThatThrownBy(() -> build(with("features", "file", "path", text.toString())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("text.csv")
        .hasMessageContaining("line 3")
        .hasMessageContaining("'x'");
    Path dependent = dir.resolve("dependent.csv");
    Files.writeString(dependent, "1,2\n2,4\n1,2\n0,0\n3,6\n1,2\n1,2\n1,2\n");
    assertThatThrownBy(() -> build(with("features", "file", "path", dependent.toString())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("linear");
    Path missing = dir.resolve("missing.csv");
    assertThatThrownBy(() -> build(with("features", "file", "path", missing.toString())))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("missing.csv");
  }

  @Test
  void identityFeatureFileBehavesLikeOneHot() throws IOException {
    int rows = GARNET.states() * GARNET.actions();
    StringBuilder csv = new StringBuilder();
    for (int sa = 0; sa < rows; sa++) {
      for (int k = 0; k < rows; k++) {
        csv.append(k > 0 ? "," : "").append(sa == k ? "1" : "0");
      }
      csv.append('\n');
    }
    Path file = dir.resolve("identity.csv");
    Files.writeString(file, csv);
    FedNacAlgorithm fromFile =
        build(
            with(
                "features",
                "file",
                "path",
                file.toString(),
                "critic",
                "exact-projection",
                "eta",
                0.5));
    FedNacAlgorithm oneHot =
        build(with("features", "onehot", "critic", "exact-projection", "eta", 0.5));
    assertThat(fromFile.manifestInfo()).containsEntry("d", rows);
    List<LogPolicy> a = new ArrayList<>();
    List<LogPolicy> b = new ArrayList<>();
    NacHarness.run(
        fromFile, GARNET, RING, 10, 0.0, row -> fromFile.agents().forEach(x -> a.add(x.policy())));
    NacHarness.run(
        oneHot, GARNET, RING, 10, 0.0, row -> oneHot.agents().forEach(x -> b.add(x.policy())));
    for (int i = 0; i < a.size(); i++) {
      for (int sa = 0; sa < rows; sa++) {
        assertThat(a.get(i).logProbability(sa))
            .isCloseTo(b.get(i).logProbability(sa), within(Tolerances.EXACT));
      }
    }
  }
}
