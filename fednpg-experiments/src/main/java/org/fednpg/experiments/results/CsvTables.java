package org.fednpg.experiments.results;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fednpg.api.InvalidInputException;

/**
 * The one CSV stack for result tables ({@code metrics.csv}, {@code summary.csv}): Jackson CSV, one
 * schema of named columns per table, rows written and read by column name. Numbers are written with
 * {@link Double#toString} (exact round trip), a missing value (NaN) as an empty cell; text cells
 * are always quoted, header names only where CSV needs it.
 */
public final class CsvTables {

  static final CsvMapper CSV =
      CsvMapper.builder().enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS).build();

  private static final CsvMapper PLAIN = new CsvMapper();

  private CsvTables() {}

  /** A schema of {@code columns}, in order, with a header line. */
  public static CsvSchema schema(List<String> columns) {
    CsvSchema.Builder b = CsvSchema.builder().setUseHeader(true).setLineSeparator("\n");
    columns.forEach(b::addColumn);
    return b.build();
  }

  /** The table as text: a header and one line per row (a map from column name to value). */
  public static String write(List<String> columns, List<? extends Map<String, ?>> rows) {
    try {
      // the header as before: names quoted only where CSV needs it
      String header =
          PLAIN
              .writer(CsvSchema.emptySchema().withLineSeparator("\n"))
              .writeValueAsString(columns.toArray());
      return header + CSV.writer(schema(columns).withoutHeader()).writeValueAsString(rows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a CSV table", e);
    }
  }

  /**
   * Reads a table with a header line into rows keyed by column name, checking that every one of
   * {@code required} is present.
   *
   * @throws InvalidInputException naming the file and the missing column or malformed line
   */
  public static List<Map<String, String>> read(Path file, String text, List<String> required) {
    List<Map<String, String>> rows = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it =
        CSV.readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(text)) {
      boolean more = it.hasNextValue();
      CsvSchema header = it.getParserSchema() instanceof CsvSchema h ? h : null;
      for (String c : required) {
        if (header == null || header.column(c) == null) {
          throw new InvalidInputException(file + ": missing column '" + c + "'");
        }
      }
      while (more) {
        rows.add(it.nextValue());
        more = it.hasNextValue();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidInputException iie) {
        throw iie;
      }
      throw new InvalidInputException(
          file
              + ": malformed CSV at data row "
              + (rows.size() + 1)
              + " ("
              + e.getClass().getSimpleName()
              + ")",
          e);
    }
    return rows;
  }
}
