package org.fednpg.api.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir Path dir;

  @Test
  void writesCreatingFoldersReplacesAndLeavesNoTemporaryFile() throws Exception {
    Path file = dir.resolve("a/b/out.txt");
    AtomicFiles.writeString(file, "first é\n");
    assertThat(Files.readString(file)).isEqualTo("first é\n");
    AtomicFiles.writeString(file, "second\n");
    assertThat(Files.readString(file)).isEqualTo("second\n");
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void aFailedWriteKeepsTheOldContentAndNoTemporaryFile() throws Exception {
    Path target = dir.resolve("folder");
    Files.createDirectories(target.resolve("child"));
    // a non-empty folder cannot be replaced by a file
    assertThatThrownBy(() -> AtomicFiles.writeString(target, "x"))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("folder");
    assertThat(target.resolve("child")).isDirectory();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void theTemporarySiblingHasAFixedNameBesideTheTarget() throws Exception {
    Path file = dir.resolve("sub/metrics.csv");
    Path tmp = AtomicFiles.temporarySibling(file);
    assertThat(tmp).isEqualTo(dir.resolve("sub/metrics.csv.tmp").toAbsolutePath());
    Files.writeString(tmp, "done");
    AtomicFiles.commit(tmp, file);
    assertThat(Files.readString(file)).isEqualTo("done");
    assertThat(tmp).doesNotExist();
  }
}
