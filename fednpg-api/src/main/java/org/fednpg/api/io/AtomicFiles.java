package org.fednpg.api.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The one way files are written so that readers see either the old content or the complete new
 * content: the text goes to a temporary file in the target's folder, which is then renamed over the
 * target (atomically where the file system allows). A failed write leaves the target as it was and
 * no temporary file behind.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  /**
   * Writes {@code text} (UTF-8) to a temporary sibling with a name of its own (process id and
   * clock, so concurrent writers do not share one), then renames it over {@code target}; creates
   * missing folders.
   *
   * @throws UncheckedIOException naming the target if it cannot be written
   */
  public static void writeString(Path target, String text) {
    Path absolute = target.toAbsolutePath();
    Path dir = parentOf(absolute);
    // not Files.createTempFile: that creates mode 0600; a plain new file gets the umask's
    // normal permissions (0644 typically), like any other exported file
    Path tmp =
        dir.resolve(
            "."
                + absolute.getFileName()
                + "."
                + ProcessHandle.current().pid()
                + "."
                + System.nanoTime()
                + ".tmp");
    try {
      try {
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        commit(tmp, absolute);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * The temporary file ({@code <name>.tmp} beside the target, always the same name) a writer fills
   * before {@link #commit}; for files written incrementally, whose partial content a resumed run
   * reads back. Creates missing folders.
   *
   * @throws UncheckedIOException if the folder cannot be created
   */
  public static Path temporarySibling(Path target) {
    return parentOf(target.toAbsolutePath()).resolve(target.getFileName() + ".tmp");
  }

  /** Renames a finished temporary file over the target (atomically where possible). */
  public static void commit(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static Path parentOf(Path absolute) {
    Path parent = absolute.getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create folder " + parent + ": " + e.getMessage(), e);
    }
    return parent;
  }
}
