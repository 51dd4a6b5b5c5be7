package org.fednpg.topologies;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.io.AtomicFiles;
import org.fednpg.api.io.NumericCsv;
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
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < w.size(); i++) {
      for (int j = 0; j < w.size(); j++) {
        if (j > 0) {
          b.append(',');
        }
        b.append(Double.toString(w.weight(i, j)));
      }
      b.append('\n');
    }
    try {
      AtomicFiles.writeString(file, b.toString());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Reads an N×N matrix: N non-blank lines of N comma-separated finite numbers (spaces around
   * numbers allowed, blank lines ignored), through {@link NumericCsv}.
   *
   * @throws InvalidInputException naming the file, line and column of a non-numeric entry, a row of
   *     the wrong length or a non-square matrix
   */
  public static MixingMatrix read(Path file) {
    List<NumericCsv.Row> rows = NumericCsv.read(file, "mixing matrix");
    if (rows.isEmpty()) {
      throw new InvalidInputException(file + ": empty mixing matrix file");
    }
    int width = rows.get(0).values().length;
    if (rows.size() != width) {
      throw new InvalidInputException(
          file
              + ": mixing matrix is not square: "
              + rows.size()
              + " rows of "
              + width
              + " columns");
    }
    return MixingMatrix.of(rows.stream().map(NumericCsv.Row::values).toArray(double[][]::new));
  }
}
