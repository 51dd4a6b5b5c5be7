package org.fednpg.experiments.results;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.api.run.RunListener;

/**
 * Streams metrics rows (SPEC §5 columns) to {@code metrics.csv.tmp} and renames it to
 * {@code metrics.csv} when the run finishes, so a half-written file never looks finished. Numbers
 * are written with {@link Double#toString} (exact round-trip); NaN is an empty cell.
 */
public final class MetricsCsv implements RunListener, AutoCloseable {

  /** Column names, in order. */
  public static final List<String> COLUMNS = List.of(
      "iteration", "value", "optimality_gap", "q_error", "consensus", "agent_value_min",
      "agent_value_mean", "elapsed_ms", "samples", "bytes_sent", "messages");

  private final Path target;
  private final Path tmp;
  private final BufferedWriter out;
  private final List<IterationMetrics> rows = new ArrayList<>();
  private boolean finished;

  public MetricsCsv(Path target) {
    this(target, List.of());
  }

  /**
   * A writer that first repeats {@code earlierLines} (data rows of a run being resumed, without
   * the header) and then appends new rows.
   */
  public MetricsCsv(Path target, List<String> earlierLines) {
    this.target = target;
    this.tmp = AtomicFiles.temporarySibling(target);
    try {
      this.out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
      out.write(String.join(",", COLUMNS));
      out.write('\n');
      for (String line : earlierLines) {
        out.write(line);
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + tmp, e);
    }
  }

  /**
   * The data rows of a partial metrics file up to and including {@code iteration}, for resuming.
   *
   * @throws InvalidInputException when rows are missing
   */
  public static List<String> rowsUpTo(Path partial, long iteration) {
    List<String> kept = new ArrayList<>();
    try {
      List<String> lines = Files.readAllLines(partial, StandardCharsets.UTF_8);
      for (int i = 1; i < lines.size(); i++) {
        String line = lines.get(i);
        int comma = line.indexOf(',');
        if (comma < 0) {
          break;
        }
        long t;
        try {
          t = Long.parseLong(line.substring(0, comma));
        } catch (NumberFormatException e) {
          break;
        }
        if (t > iteration) {
          break;
        }
        kept.add(line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + partial, e);
    }
    if (kept.isEmpty()) {
      throw new org.fednpg.api.InvalidInputException(partial + ": partial metrics end before "
          + "the checkpoint's iteration " + iteration + "; delete the folder to start over");
    }
    return kept;
  }

  /** Pushes written rows to disk (before a checkpoint refers to them). */
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + tmp, e);
    }
  }

  /** One CSV line for a row (without newline). */
  public static String line(IterationMetrics m) {
    return m.iteration() + "," + num(m.value()) + "," + num(m.optimalityGap()) + ","
        + num(m.qError()) + "," + num(m.consensus()) + "," + num(m.agentValueMin()) + ","
        + num(m.agentValueMean()) + "," + m.elapsedMs() + "," + m.samples() + ","
        + m.bytesSent() + "," + m.messages();
  }

  private static String num(double d) {
    return Double.isNaN(d) ? "" : Double.toString(d);
  }

  @Override
  public void onIteration(IterationMetrics metrics) {
    rows.add(metrics);
    try {
      out.write(line(metrics));
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + tmp, e);
    }
  }

  @Override
  public void onFinish() {
    try {
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
      out.close();
    }
  }
}
