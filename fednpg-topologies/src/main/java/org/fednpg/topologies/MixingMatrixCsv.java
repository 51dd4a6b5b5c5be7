package org.fednpg.topologies;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.io.InputFiles;
import org.fednpg.api.model.MixingMatrix;

/**
 * The mixing-matrix file of SPEC §7: CSV, N rows of N numbers, no header. Writing uses {@link
 * Double#toString(double)} (shortest exact representation), so a written matrix reads back
 * bit-identical; it writes a temporary file next to the target and renames it (atomic where the
 * file system allows). Reading checks shape and numbers only, naming file, line and column
 * (1-based); the SPEC §2 checks are {@link MixingValidator}'s.
 */
public final class MixingMatrixCsv {

  private MixingMatrixCsv() {}

  /** Writes {@code w} to {@code file} atomically. */
  public static void write(MixingMatrix w, Path file) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    // not Files.createTempFile (mode 0600): a plain new file gets the umask's normal permissions
    Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
        + System.nanoTime() + ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        for (int i = 0; i < w.size(); i++) {
          StringBuilder b = new StringBuilder();
          for (int j = 0; j < w.size(); j++) {
            if (j > 0) {
              b.append(',');
            }
            b.append(Double.toString(w.weight(i, j)));
          }
          out.write(b.append('\n').toString());
        }
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Reads an N×N matrix: N non-blank lines of N comma-separated finite numbers (spaces around
   * numbers allowed, blank lines ignored).
   *
   * @throws InvalidInputException naming the file, line and column of a non-numeric entry, a row
   *     of the wrong length or a non-square matrix
   */
  public static MixingMatrix read(Path file) {
    List<String> lines = InputFiles.readLines(file, "mixing matrix");
    List<double[]> rows = new ArrayList<>();
    int width = -1;
    for (int ln = 0; ln < lines.size(); ln++) {
      String line = lines.get(ln).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      String where = file + ": line " + (ln + 1);
      if (width < 0) {
        width = cells.length;
      } else if (cells.length != width) {
        throw new InvalidInputException(
            where + " (matrix row " + (rows.size() + 1) + ") has " + cells.length
                + " columns, expected " + width + " like the first row");
      }
      double[] row = new double[cells.length];
      for (int c = 0; c < cells.length; c++) {
        String cell = cells[c].strip();
        try {
          row[c] = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
          throw new InvalidInputException(
              where + ", column " + (c + 1) + ": '" + cell + "' is not a number", e);
        }
        if (!Double.isFinite(row[c])) {
          throw new InvalidInputException(
              where + ", column " + (c + 1) + ": '" + cell + "' is not finite");
        }
      }
      rows.add(row);
    }
    if (rows.isEmpty()) {
      throw new InvalidInputException(file + ": empty mixing matrix file");
    }
    if (rows.size() != width) {
      throw new InvalidInputException(
          file + ": mixing matrix is not square: " + rows.size() + " rows of " + width
              + " columns");
    }
    return MixingMatrix.of(rows.toArray(new double[0][]));
  }
}
