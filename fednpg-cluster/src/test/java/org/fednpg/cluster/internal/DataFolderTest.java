package org.fednpg.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.fednpg.core.plugin.Plugins;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's path policy: every rule refuses with the parameter, the path and the rule. */
class DataFolderTest {

  private static final String MARKER = "TOPSECRET-node-only-7f3a";

  @TempDir Path tmp;

  private DataFolder folder(long cap) throws IOException {
    Path data = Files.createDirectories(tmp.resolve("data"));
    Files.writeString(data.resolve("w.csv"), "0.5,0.5\n0.5,0.5\n");
    Files.writeString(tmp.resolve("outside.csv"), MARKER + "\n");
    return new DataFolder(data, cap);
  }

  private static void refused(DataFolder f, String path, String rule) {
    assertThatThrownBy(
            () -> f.check("n1", "topology 'file' parameter 'path' = '" + path + "'", path))
        .isInstanceOf(DataFolder.PathRefused.class)
        .isInstanceOf(SafeMessage.class)
        .hasMessageContaining("'" + path + "'")
        .hasMessageContaining(rule)
        .hasMessageNotContaining(MARKER);
  }

  @Test
  void refusesEveryWayOut() throws IOException {
    DataFolder f = folder(1 << 20);
    refused(f, tmp.resolve("outside.csv").toString(), "absolute paths are not allowed");
    refused(f, "../outside.csv", "'..' is not allowed");
    refused(f, "sub/../../outside.csv", "'..' is not allowed");
    refused(f, "missing.csv", "no such file");
    Files.createSymbolicLink(tmp.resolve("data/link.csv"), tmp.resolve("outside.csv"));
    refused(f, "link.csv", "symbolic link leads outside");
    Files.createDirectories(tmp.resolve("data/dir"));
    refused(f, "dir", "not a regular file");
    assertThat(f.check("n1", "x", "w.csv")).isEqualTo(tmp.resolve("data/w.csv").toRealPath());
  }

  @Test
  void refusesFifosAndDevicesWithoutOpeningThem() throws Exception {
    DataFolder f = folder(1 << 20);
    Files.createSymbolicLink(tmp.resolve("data/zero"), Path.of("/dev/zero"));
    refused(f, "zero", "symbolic link leads outside");
    Process mk = new ProcessBuilder("mkfifo", tmp.resolve("data/fifo").toString()).start();
    assertThat(mk.waitFor()).isZero();
    refused(f, "fifo", "not a regular file");
  }

  @Test
  void refusesFilesAboveTheCap() throws IOException {
    DataFolder f = folder(8);
    refused(f, "w.csv", "larger than the node's limit of 8 bytes");
  }

  @Test
  void aNodeWithoutDataReadsNothing() {
    DataFolder f = new DataFolder(null, 1 << 20);
    refused(f, "w.csv", "started without --data");
  }

  @Test
  void prepareCopiesAcceptedFilesIntoAPrivateSnapshotAndKeepsThePathAsWritten() throws IOException {
    DataFolder f = folder(1 << 20);
    RunSpec spec = spec("w.csv");
    DataFolder.Prepared p = f.prepare(spec, Plugins.registry(), "n1");
    assertThat(p.snapshot()).isNotNull();
    assertThat(Files.readString(p.snapshot().resolve("w.csv")))
        .isEqualTo(Files.readString(tmp.resolve("data/w.csv")));
    assertThat(p.spec().topology()).isEqualTo(spec.topology());
    assertThat(p.spec().baseDirectory()).isEqualTo(p.snapshot().toString());
    assertThat(p.files()).containsExactly("topology 'file' parameter 'path' = 'w.csv'");
    DataFolder.delete(p.snapshot());
    assertThat(p.snapshot()).doesNotExist();
    assertThatThrownBy(() -> f.prepare(spec("../outside.csv"), Plugins.registry(), "n1"))
        .isInstanceOf(DataFolder.PathRefused.class)
        .hasMessageContaining("topology 'file' parameter 'path' = '../outside.csv'");
  }

  private static RunSpec spec(String path) {
    return new RunSpec(
        1,
        null,
        new RunSpec.Component("gridworld", Map.of()),
        new RunSpec.Component("file", Map.of("path", new RunSpec.Value("string", path))),
        null,
        new RunSpec.Component("fednpg", Map.of()),
        "/submitter/folder");
  }
}
