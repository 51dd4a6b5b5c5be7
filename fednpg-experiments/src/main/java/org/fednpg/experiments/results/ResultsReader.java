package org.fednpg.experiments.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.run.IterationMetrics;

/** Reads finished result folders back: metrics rows and the manifest. */
public final class ResultsReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ResultsReader() {}

  /**
   * The rows of {@code dir/metrics.csv}, read by column name; without an {@code
   * honest_tracking_drift} column (every run without an adversary block) that field is NaN.
   */
  public static List<IterationMetrics> metrics(Path dir) {
    Path file = dir.resolve("metrics.csv");
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no metrics (not a finished run folder)", e);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": unreadable: " + e.getMessage(), e);
    }
    if (text.isEmpty()) {
      throw new InvalidInputException(file + ": empty metrics file");
    }
    List<IterationMetrics> rows = new ArrayList<>();
    List<Map<String, String>> table = CsvTables.read(file, text, MetricsCsv.COLUMNS);
    for (int l = 0; l < table.size(); l++) {
      Map<String, String> c = table.get(l);
      try {
        rows.add(
            new IterationMetrics(
                Long.parseLong(c.get("iteration")),
                d(c.get("value")),
                d(c.get("optimality_gap")),
                d(c.get("q_error")),
                d(c.get("consensus")),
                d(c.get("agent_value_min")),
                d(c.get("agent_value_mean")),
                Long.parseLong(c.get("elapsed_ms")),
                Long.parseLong(c.get("samples")),
                Long.parseLong(c.get("bytes_sent")),
                Long.parseLong(c.get("messages")),
                d(c.get(MetricsCsv.HONEST_TRACKING_DRIFT))));
      } catch (RuntimeException e) {
        throw new InvalidInputException(
            file + ": line " + (l + 2) + " is malformed: " + String.valueOf(c).replace('\n', ' '),
            e);
      }
    }
    if (rows.isEmpty()) {
      throw new InvalidInputException(file + ": no metrics rows (only a header)");
    }
    return rows;
  }

  private static double d(String s) {
    return s == null || s.isEmpty() ? Double.NaN : Double.parseDouble(s);
  }

  /** The parsed {@code dir/manifest.json}. */
  public static JsonNode manifest(Path dir) {
    Path file = dir.resolve("manifest.json");
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new InvalidInputException(file + ": unreadable manifest: " + e.getMessage(), e);
    }
  }
}
