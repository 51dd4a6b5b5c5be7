package org.fednpg.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad input ends with a non-zero exit status and one line on standard error naming
 * the file, key or value at fault, and leaves no metrics behind.
 */
class BadInputTest {

  private static final String GOOD_MDP =
      """
      {"format": "fednpg-mdp/1", "name": "m", "states": 2, "actions": 2, "gamma": 0.9,
       "initial": [1.0, 0.0],
       "transitions": [[0,0,0,1.0],[0,1,1,1.0],[1,0,1,1.0],[1,1,0,0.5],[1,1,1,0.5]],
       "rewards": [[[0,1],[1,0]], [[1,0],[0,1]], [[0,0],[1,1]]]}
      """;

  private static final String GOOD_W =
      """
      0.5,0.25,0.25
      0.25,0.5,0.25
      0.25,0.25,0.5
      """;

  @TempDir Path tmp;

  private CliHarness.Outcome runWith(String mdp, String w, String algorithm) throws IOException {
    Files.writeString(tmp.resolve("mdp.json"), mdp);
    Files.writeString(tmp.resolve("W.csv"), w);
    Path spec = tmp.resolve("spec.yaml");
    Files.writeString(
        spec,
        "name: bad\niterations: 3\n"
            + "environment: {type: file, path: mdp.json}\n"
            + "topology: {type: file, path: W.csv}\n"
            + "algorithm: "
            + algorithm
            + "\n");
    return CliHarness.run("run", spec.toString(), "--out", tmp.resolve("out").toString());
  }

  private void assertRefused(CliHarness.Outcome o, String... fragments) {
    assertThat(o.status()).as(o.err()).isEqualTo(FedNpgCommand.EXIT_INPUT);
    assertThat(o.err().strip()).doesNotContain("\n").startsWith("fednpg: ");
    assertThat(o.err()).contains(fragments);
    assertThat(tmp.resolve("out/metrics.csv")).doesNotExist();
  }

  @Test
  void theGoodCaseRuns() throws IOException {
    CliHarness.Outcome o = runWith(GOOD_MDP, GOOD_W, "{type: fednpg}");
    assertThat(o.status()).as(o.err()).isZero();
  }

  static Stream<Arguments> malformedMdps() {
    return Stream.of(
        Arguments.of(
            "unknown format tag", GOOD_MDP.replace("fednpg-mdp/1", "fednpg-mdp/9"), "fednpg-mdp/9"),
        Arguments.of("missing key", GOOD_MDP.replace("\"states\": 2,", ""), "states"),
        Arguments.of(
            "state index out of range", GOOD_MDP.replace("[1,0,1,1.0]", "[1,0,7,1.0]"), "7"),
        Arguments.of(
            "negative probability",
            GOOD_MDP.replace("[1,1,0,0.5],[1,1,1,0.5]", "[1,1,0,-0.5],[1,1,1,1.5]"),
            "-0.5"),
        Arguments.of(
            "row does not sum to 1", GOOD_MDP.replace("[1,1,1,0.5]", "[1,1,1,0.25]"), "0.75"),
        Arguments.of(
            "shape mismatch of a reward table",
            GOOD_MDP.replace("[[0,0],[1,1]]", "[[0,0,0],[1,1,1]]"),
            "reward"),
        Arguments.of(
            "malformed JSON", GOOD_MDP.replace("\"name\": \"m\",", "\"name\" \"m\","), "mdp.json"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedMdps")
  void malformedMdpFileIsRefused(String label, String mdp, String fragment) throws IOException {
    assertRefused(runWith(mdp, GOOD_W, "{type: fednpg}"), "mdp.json", fragment);
  }

  static Stream<Arguments> malformedMatrices() {
    return Stream.of(
        Arguments.of("columns do not sum to 1", "0.5,0.5,0\n0.25,0.5,0.25\n0,0.25,0.75\n"),
        Arguments.of("rows do not sum to 1", "0.5,0.25,0.25\n0.25,0.5,0.25\n0.25,0.25,0.25\n"),
        Arguments.of("negative entry", "1.5,-0.25,-0.25\n-0.25,1.5,-0.25\n-0.25,-0.25,1.5\n"),
        Arguments.of("not square", "0.5,0.5\n0.5,0.5\n0,1\n"),
        Arguments.of("not a number", "0.5,0.25,x\n0.25,0.5,0.25\n0.25,0.25,0.5\n"),
        Arguments.of("disconnected (sigma = 1)", "1,0,0\n0,0.5,0.5\n0,0.5,0.5\n"),
        Arguments.of("wrong size for the agents", "0.5,0.5\n0.5,0.5\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedMatrices")
  void malformedMixingMatrixIsRefused(String label, String w) throws IOException {
    assertRefused(runWith(GOOD_MDP, w, "{type: fednpg}"), "W.csv");
  }

  @Test
  void stepAboveTheBoundIsRefused() throws IOException {
    assertRefused(runWith(GOOD_MDP, GOOD_W, "{type: fednpg, eta: 0.5, tau: 0.5}"), "eta", "0.5");
  }

  @Test
  void unknownParameterIsNamedWithTheAcceptedOnes() throws IOException {
    assertRefused(runWith(GOOD_MDP, GOOD_W, "{type: fednpg, etta: 0.1}"), "etta", "eta", "tau");
  }

  @Test
  void unknownTypeListsTheAvailableOnes() throws IOException {
    assertRefused(runWith(GOOD_MDP, GOOD_W, "{type: fedsgd}"), "fedsgd", "fednpg", "naive");
  }

  @Test
  void missingReferencedFileIsNamed() throws IOException {
    Path spec = tmp.resolve("spec.yaml");
    Files.writeString(
        spec,
        "environment: {type: file, path: nowhere.json}\n"
            + "topology: {type: complete}\nalgorithm: {type: fednpg}\n");
    assertRefused(
        CliHarness.run("run", spec.toString(), "--out", tmp.resolve("out").toString()),
        "nowhere.json");
  }

  @Test
  void missingSpecFileIsNamed() {
    assertRefused(
        CliHarness.run(
            "run", tmp.resolve("absent.yaml").toString(), "--out", tmp.resolve("out").toString()),
        "absent.yaml");
  }

  @Test
  void unknownSpecKeyIsNamedWithTheFile() throws IOException {
    Path spec = tmp.resolve("typo.yaml");
    Files.writeString(
        spec,
        "iteratoins: 3\nenvironment: {type: test-two-state}\n"
            + "algorithm: {type: centralized}\n");
    assertRefused(
        CliHarness.run("run", spec.toString(), "--out", tmp.resolve("out").toString()),
        "typo.yaml",
        "iteratoins");
  }

  @Test
  void numbersWrittenAsTextAreIllTyped() throws IOException {
    Path spec = tmp.resolve("typed.yaml");
    Files.writeString(
        spec,
        "environment: {type: garnet, states: \"10\"}\n"
            + "topology: {type: ring}\nalgorithm: {type: fednpg}\n");
    assertRefused(
        CliHarness.run("run", spec.toString(), "--out", tmp.resolve("out").toString()),
        "'states'",
        "whole number",
        "'10' (text)");
  }

  @Test
  void communicatingAlgorithmWithoutTopologyIsRefused() throws IOException {
    Path spec = tmp.resolve("notopo.yaml");
    Files.writeString(spec, "environment: {type: garnet, agents: 3}\nalgorithm: {type: fednpg}\n");
    assertRefused(
        CliHarness.run("run", spec.toString(), "--out", tmp.resolve("out").toString()),
        "needs a topology block");
  }

  @Test
  void badSweepValueIsRefusedBeforeAnyCellRuns() throws IOException {
    Path spec = tmp.resolve("sweep.yaml");
    Files.writeString(
        spec,
        "iterations: 3\nenvironment: {type: garnet, agents: 3}\n"
            + "topology: {type: ring}\nalgorithm: {type: fednpg}\n"
            + "sweep:\n  algorithm.eta: [0.1, 0.2, bad]\n");
    assertRefused(
        CliHarness.run("run", spec.toString(), "--out", tmp.resolve("out").toString()),
        "algorithm.eta=bad",
        "'eta'");
    assertThat(tmp.resolve("out")).doesNotExist();
  }
}
