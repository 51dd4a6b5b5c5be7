package org.fednpg.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.fednpg.envs.io.MdpFiles;
import org.fednpg.topologies.MixingMatrixCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fednpg env describe|export} and {@code fednpg topology describe}. */
class DescribeCommandsTest {

  @TempDir Path tmp;

  @Test
  void gridWorldDescriptionShowsTheClosedFormOptimumAndThePolicyMap() {
    int k = 6;
    int n = 3;
    double gamma = 0.99;
    CliHarness.Outcome o =
        CliHarness.run(
            "env", "describe", "gridworld", "size=" + k, "agents=" + n, "path=DDRDDRDRRR");
    assertThat(o.status()).as(o.err()).isZero();
    double closedForm = 0;
    for (int i = 0; i <= 2 * k - 3; i++) {
      closedForm += Math.pow(gamma, i) / n;
    }
    assertThat(o.out()).contains(String.format(Locale.ROOT, "V*(rho) = %.12g", closedForm));
    // the path DDRDDRDRRR read off the greedy map: rows 0..5 start with v, v, >, ., ., .
    assertThat(o.out()).contains("  v", "  >v", "  >>v", ">>>>>G");
  }

  @Test
  void exportWritesALoadableMdpFile() throws Exception {
    Path file = tmp.resolve("garnet.json");
    CliHarness.Outcome o =
        CliHarness.run(
            "env",
            "export",
            "garnet",
            "states=12",
            "agents=3",
            "--seed",
            "4",
            "--out",
            file.toString());
    assertThat(o.status()).as(o.err()).isZero();
    assertThat(Files.exists(file)).isTrue();
    assertThat(MdpFiles.read(file).agents()).isEqualTo(3);
    if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
      // the export gets the permissions of any new file in that folder (0644 with umask 022),
      // not the 0600 of a temporary file
      Path reference = Files.writeString(tmp.resolve("reference.txt"), "x");
      assertThat(Files.getPosixFilePermissions(file))
          .isEqualTo(Files.getPosixFilePermissions(reference));
    }
  }

  @Test
  void unknownEnvironmentParameterIsRefused() {
    CliHarness.Outcome o = CliHarness.run("env", "describe", "garnet", "statez=3");
    assertThat(o.status()).isEqualTo(FedNpgCommand.EXIT_INPUT);
    assertThat(o.err()).contains("statez", "states");
  }

  @Test
  void topologyDescriptionReportsSigmaAndExportsW() {
    Path w = tmp.resolve("W.csv");
    CliHarness.Outcome o =
        CliHarness.run(
            "topology",
            "describe",
            "ring",
            "--agents",
            "10",
            "neighbors=1",
            "--export",
            w.toString());
    assertThat(o.status()).as(o.err()).isZero();
    // ring, k = 1, equal weights: σ = max_{j≠0} |1 + 2cos(2πj/N)|/3, attained at j = N/2 → 1/3
    // in absolute value and at j = 1 → (1 + 2cos(2π/10))/3
    double sigma = (1 + 2 * Math.cos(2 * Math.PI / 10)) / 3;
    assertThat(o.out()).contains(String.format(Locale.ROOT, "sigma: %.6f", sigma));
    assertThat(MixingMatrixCsv.read(w).size()).isEqualTo(10);
  }
}
