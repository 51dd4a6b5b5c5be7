package org.fednpg.experiments.results;

import com.fasterxml.jackson.databind.SequenceWriter;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.io.AtomicFiles;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.api.run.RunListener;
import org.fednpg.core.runtime.RunOptions;

/**
 * Streams metrics rows (SPEC §5 columns) to {@code metrics.csv.tmp} and renames it to {@code
 * metrics.csv} when the run finishes, so a half-written file never looks finished. Numbers are
 * written with {@link Double#toString} (exact round-trip); NaN is an empty cell. A run with an
 * adversary block (issue 20) has one more, last column, {@link #HONEST_TRACKING_DRIFT}; every other
 * run's file is unchanged (our choice: the column exists only where it can mean something).
 */
public final class MetricsCsv implements RunListener, AutoCloseable {

  /** Column names, in order. */
  public static final List<String> COLUMNS =
      List.of(
          "iteration",
          "value",
          "optimality_gap",
          "q_error",
          "consensus",
          "agent_value_min",
          "agent_value_mean",
          "elapsed_ms",
          "samples",
          "bytes_sent",
          "messages");

  /**
   * The extra last column of runs with an adversary block: ‖(1/H)Σ_h T_h − (1/H)Σ_h q_h‖_∞ over the
   * honest agents (empty where it is not measured, e.g. on the Pekko runtime).
   */
  public static final String HONEST_TRACKING_DRIFT = "honest_tracking_drift";

  /** The columns of a run with ({@code adversary}) or without an adversary block. */
  public static List<String> columns(boolean adversary) {
    if (!adversary) {
      return COLUMNS;
    }
    List<String> c = new ArrayList<>(COLUMNS);
    c.add(HONEST_TRACKING_DRIFT);
    return List.copyOf(c);
  }

  private final List<String> columns;

  private final Path target;
  private final Path tmp;
  private final BufferedWriter out;
  private final SequenceWriter rowsOut;
  private final List<IterationMetrics> rows = new ArrayList<>();
  private boolean finished;

  /**
   * A writer that first repeats {@code earlierLines} (data rows of a run being resumed, without the
   * header) and then appends new rows; with {@code adversary} (the run has an adversary block) the
   * rows have the {@link #HONEST_TRACKING_DRIFT} column.
   */
  public MetricsCsv(Path target, List<String> earlierLines, boolean adversary) {
    this.columns = columns(adversary);
    this.target = target;
    this.tmp = AtomicFiles.temporarySibling(target);
    try {
      this.out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
      out.write(String.join(",", columns));
      out.write('\n');
      for (String line : earlierLines) {
        out.write(line);
        out.write('\n');
      }
      out.flush();
      this.rowsOut =
          CsvTables.CSV
              .writer(CsvTables.schema(columns).withoutHeader())
              .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET)
              .writeValues(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + tmp, e);
    }
  }

  /**
   * The data rows of a partial metrics file up to and including {@code iteration}, for resuming,
   * after checking them: the header is this version's, and the rows up to the checkpoint are
   * exactly the schedule's ({@link RunOptions#isMetricsRow}: iteration 0, then every {@code
   * metricsEvery}-th), in order, each once, each with every column parseable. Rows after the
   * checkpoint (written before the crash, maybe half) are dropped unread.
   *
   * <p>The columns are {@link #columns(boolean)} of {@code adversary}.
   *
   * @throws InvalidInputException naming the file, line and what is wrong
   */
  public static List<String> rowsUpTo(
      Path partial, long iteration, RunOptions schedule, boolean adversary) {
    List<String> columns = columns(adversary);
    List<String> kept = new ArrayList<>();
    String hint = "; --resume --force starts the cell over (the old files are moved aside)";
    if (!Files.isRegularFile(partial)) {
      throw new InvalidInputException(
          partial
              + ": missing, but the checkpoint needs the rows up "
              + "to iteration "
              + iteration
              + hint);
    }
    try (BufferedReader in = Files.newBufferedReader(partial, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (!String.join(",", columns).equals(header)) {
        throw new InvalidInputException(
            partial
                + ": line 1 is not the metrics header '"
                + String.join(",", columns)
                + "'"
                + hint);
      }
      long expected = 0;
      int number = 1;
      String line;
      while (expected >= 0 && expected <= iteration && (line = in.readLine()) != null) {
        number++;
        String where = partial + " line " + number;
        long t = parseRow(where, line, hint, columns);
        if (t != expected) {
          throw new InvalidInputException(
              where
                  + ": iteration "
                  + t
                  + " where iteration "
                  + expected
                  + " was expected ("
                  + (t < expected ? "a row repeats or is out of order" : "a row is missing")
                  + ")"
                  + hint);
        }
        kept.add(line);
        expected = schedule.nextMetricsRow(expected);
        if (expected < 0) {
          break;
        }
      }
      if (expected >= 0 && expected <= iteration) {
        throw new InvalidInputException(
            partial
                + ": ends after "
                + kept.size()
                + " rows, before the checkpoint's iteration "
                + iteration
                + " (row for iteration "
                + expected
                + " missing)"
                + hint);
      }
    } catch (IOException e) {
      throw new InvalidInputException(partial + ": cannot read (" + e.getMessage() + ")" + hint, e);
    }
    return kept;
  }

  /** Checks one data row; returns its iteration. */
  private static long parseRow(String where, String line, String hint, List<String> columns) {
    String[] cells = line.split(",", -1);
    if (cells.length != columns.size()) {
      throw new InvalidInputException(
          where + ": " + cells.length + " columns, expected " + columns.size() + hint);
    }
    long t = -1;
    for (int c = 0; c < cells.length; c++) {
      String cell = cells[c];
      boolean whole = c == 0 || (c >= COLUMNS.indexOf("elapsed_ms") && c < COLUMNS.size());
      try {
        if (whole) {
          long v = Long.parseLong(cell);
          if (v < 0) {
            throw new NumberFormatException("negative");
          }
          if (c == 0) {
            t = v;
          }
        } else if (!cell.isEmpty()) {
          double d = Double.parseDouble(cell);
          if (Double.isNaN(d) || cell.strip().length() != cell.length()) {
            throw new NumberFormatException("not as written by fednpg");
          }
        }
      } catch (NumberFormatException e) {
        String shown = cell.length() > 40 ? cell.substring(0, 40) + "..." : cell;
        throw new InvalidInputException(
            where
                + " column "
                + columns.get(c)
                + ": not "
                + (whole ? "a whole number >= 0" : "a number")
                + ": '"
                + shown
                + "'"
                + hint,
            e);
      }
    }
    return t;
  }

  /** Pushes written rows to disk (before a checkpoint refers to them). */
  public void flush() {
    try {
      rowsOut.flush();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + tmp, e);
    }
  }

  /** A row by column name (NaN as a missing value), with {@link #columns}. */
  private Map<String, Object> row(IterationMetrics m) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("iteration", m.iteration());
    r.put("value", num(m.value()));
    r.put("optimality_gap", num(m.optimalityGap()));
    r.put("q_error", num(m.qError()));
    r.put("consensus", num(m.consensus()));
    r.put("agent_value_min", num(m.agentValueMin()));
    r.put("agent_value_mean", num(m.agentValueMean()));
    r.put("elapsed_ms", m.elapsedMs());
    r.put("samples", m.samples());
    r.put("bytes_sent", m.bytesSent());
    r.put("messages", m.messages());
    if (columns.size() > COLUMNS.size()) {
      r.put(HONEST_TRACKING_DRIFT, num(m.honestTrackingDrift()));
    }
    return r;
  }

  private static Double num(double d) {
    return Double.isNaN(d) ? null : d;
  }

  @Override
  public void onIteration(IterationMetrics metrics) {
    rows.add(metrics);
    try {
      rowsOut.write(row(metrics));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + tmp, e);
    }
  }

  @Override
  public void onFinish() {
    try {
      rowsOut.close();
      out.close();
      AtomicFiles.commit(tmp, target);
      finished = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot finish " + target, e);
    }
  }

  /** Every row seen so far. */
  public List<IterationMetrics> rows() {
    return rows;
  }

  /**
   * Closes the temporary file if the run did not finish: no metrics.csv appears, and the partial
   * rows stay in metrics.csv.tmp for {@code --resume} (a plain re-run overwrites them).
   */
  @Override
  public void close() throws IOException {
    if (!finished) {
      rowsOut.close();
      out.close();
    }
  }
}
