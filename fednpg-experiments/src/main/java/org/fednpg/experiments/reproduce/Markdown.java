package org.fednpg.experiments.reproduce;

import java.util.List;
import java.util.Locale;

/** Small Markdown and number-formatting helpers for REPORT.md. */
final class Markdown {

  private Markdown() {}

  /** A number with 3 significant digits ("—" for NaN). */
  static String num(double x) {
    if (Double.isNaN(x)) {
      return "—";
    }
    if (x == 0) {
      return "0";
    }
    double a = Math.abs(x);
    if (a >= 1e-3 && a < 1e5) {
      return String.format(Locale.ROOT, "%.3g", x)
          .replaceAll("(\\.\\d*?)0+$", "$1")
          .replaceAll("\\.$", "");
    }
    return String.format(Locale.ROOT, "%.2e", x);
  }

  /** Iterations to a tolerance, or "not reached in T". */
  static String iters(long k, long horizon) {
    return k < 0 ? "> " + horizon : Long.toString(k);
  }

  /** A GitHub-flavoured Markdown table; a {@code |} inside a cell is escaped. */
  static String table(List<String> header, List<List<String>> rows) {
    StringBuilder b = new StringBuilder();
    b.append("| ").append(String.join(" | ", escape(header))).append(" |\n|");
    header.forEach(h -> b.append("---|"));
    b.append('\n');
    for (List<String> r : rows) {
      if (r.size() != header.size()) {
        throw new IllegalArgumentException(
            "table row " + r + " has " + r.size() + " cells, the header " + header.size());
      }
      b.append("| ").append(String.join(" | ", escape(r))).append(" |\n");
    }
    return b.toString();
  }

  private static List<String> escape(List<String> cells) {
    return cells.stream().map(c -> c.replace("\\|", "|").replace("|", "\\|")).toList();
  }

  /** An image link relative to the report, with its caption as a visible line below. */
  static String figure(String caption, String relativePath) {
    String alt = caption.replace("[", "(").replace("]", ")");
    return "![" + alt + "](" + relativePath + ")\n\n_" + caption.replace("_", "\\_") + "_\n\n";
  }
}
