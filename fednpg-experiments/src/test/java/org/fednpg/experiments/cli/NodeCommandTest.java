package org.fednpg.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fednpg node} refuses a bad guard before it opens a port (exit 2, naming it). */
class NodeCommandTest {

  @TempDir Path tmp;

  @Test
  void missingDataFolderIsBadInput() {
    Path missing = tmp.resolve("no-such-data");
    CliHarness.Outcome o = CliHarness.run("node", "--port", "0", "--data", missing.toString());
    assertThat(o.status()).isEqualTo(FedNpgCommand.EXIT_INPUT);
    assertThat(o.err()).contains("--data").contains("no-such-data");
  }

  @Test
  void tlsFolderWithoutStoresIsBadInput() {
    CliHarness.Outcome o = CliHarness.run("node", "--port", "0", "--tls", tmp.toString());
    assertThat(o.status()).isEqualTo(FedNpgCommand.EXIT_INPUT);
    assertThat(o.err()).contains("TLS").contains(tmp.toString());
  }

  @Test
  void fileCapMustBePositive() {
    CliHarness.Outcome o = CliHarness.run("node", "--port", "0", "--max-file-mb", "0");
    assertThat(o.status()).isEqualTo(FedNpgCommand.EXIT_INPUT);
    assertThat(o.err()).contains("--max-file-mb");
  }
}
