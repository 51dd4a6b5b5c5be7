package org.fednpg.experiments.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes files so that readers see either the old content or the complete new content. */
public final class AtomicFiles {

  private AtomicFiles() {}

  /** Writes {@code text} to a temporary sibling, then renames it over {@code target}. */
  public static void writeString(Path target, String text) {
    Path tmp = temporarySibling(target);
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      commit(tmp, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /** The temporary file a writer should fill before {@link #commit}. */
  public static Path temporarySibling(Path target) {
    Path parent = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create folder " + parent, e);
    }
    return parent.resolve(target.getFileName() + ".tmp");
  }

  /** Renames a finished temporary file over the target. */
  public static void commit(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
