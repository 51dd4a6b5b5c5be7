package org.fednpg.api.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fednpg.api.InvalidInputException;

/**
 * The one reader of the numeric CSV input files (mixing matrices, feature tables): rows of
 * comma-separated finite numbers, no header; spaces around numbers allowed, blank lines ignored,
 * every row as long as the first. Read through {@link InputFiles} (bounded, regular files only,
 * recorded). Errors are one-line {@link InvalidInputException}s naming the file, the 1-based line
 * and column, and the offending text; shape checks beyond "rectangular" are the caller's.
 */
public final class NumericCsv {

  private NumericCsv() {}

  /** One row as read: its 1-based line number in the file, and its numbers. */
  public record Row(int line, double[] values) {}

  /**
   * Reads the rows of a numeric CSV file.
   *
   * @param file the file
   * @param what how messages name it, e.g. "mixing matrix"
   * @return the non-blank rows in file order (possibly none), all of one width
   * @throws InvalidInputException naming file, line and column of a non-numeric or non-finite
   *     entry, or of a row whose length differs from the first row's
   */
  public static List<Row> read(Path file, String what) {
    List<String> lines = InputFiles.readLines(file, what);
    List<Row> rows = new ArrayList<>();
    int width = -1;
    for (int ln = 0; ln < lines.size(); ln++) {
      String line = lines.get(ln).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      String where = what + " " + file + ": line " + (ln + 1);
      if (width < 0) {
        width = cells.length;
      } else if (cells.length != width) {
        throw new InvalidInputException(
            where
                + " (row "
                + (rows.size() + 1)
                + ") has "
                + cells.length
                + " columns, expected "
                + width
                + " like the first row");
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
      rows.add(new Row(ln + 1, row));
    }
    return rows;
  }
}
