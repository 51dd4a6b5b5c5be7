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
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.run.IterationMetrics;

/** Reads finished result folders back: metrics rows and the manifest. */
public final class ResultsReader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ResultsReader() {}

  /** The rows of {@code dir/metrics.csv}. */
  public static List<IterationMetrics> metrics(Path dir) {
    Path file = dir.resolve("metrics.csv");
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": no metrics (not a finished run folder)", e);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": unreadable: " + e.getMessage(), e);
    }
    if (lines.isEmpty()) {
      throw new InvalidInputException(file + ": empty metrics file");
    }
    List<String> header = List.of(lines.get(0).split(",", -1));
    int[] idx = new int[MetricsCsv.COLUMNS.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = header.indexOf(MetricsCsv.COLUMNS.get(i));
      if (idx[i] < 0) {
        throw new InvalidInputException(file + ": missing column '" + MetricsCsv.COLUMNS.get(i)
            + "'");
      }
    }
    List<IterationMetrics> rows = new ArrayList<>();
    for (int l = 1; l < lines.size(); l++) {
      String[] c = lines.get(l).split(",", -1);
      try {
        rows.add(new IterationMetrics(Long.parseLong(c[idx[0]]), d(c[idx[1]]), d(c[idx[2]]),
            d(c[idx[3]]), d(c[idx[4]]), d(c[idx[5]]), d(c[idx[6]]), Long.parseLong(c[idx[7]]),
            Long.parseLong(c[idx[8]]), Long.parseLong(c[idx[9]]), Long.parseLong(c[idx[10]])));
      } catch (RuntimeException e) {
        throw new InvalidInputException(file + ": line " + (l + 1) + " is malformed: "
            + lines.get(l), e);
      }
    }
    if (rows.isEmpty()) {
      throw new InvalidInputException(file + ": no metrics rows (only a header)");
    }
    return rows;
  }

  private static double d(String s) {
    return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
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
