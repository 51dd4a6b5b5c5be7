package org.fednpg.experiments.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.fednpg.api.io.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line charts of metrics: one line per curve, its min–max band over seeds drawn as thin dashed
 * lines of the same colour (explained by a legend entry), optional log scale (for linearly
 * converging quantities). A log axis shows absolute values, skips iteration 0 (where consensus is
 * exactly 0 and the gap is the uninformative starting value), and clips values it cannot show (0,
 * NaN) to {@link #LOG_FLOOR}.
 */
public final class Charts {

  /** Smallest value drawn on a log axis (round-off level of the metrics). */
  public static final double LOG_FLOOR = 1e-15;

  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    new Color(0xbcbd22), new Color(0x17becf)
  };

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private Charts() {}

  /**
   * Whether a metric's values span at least two decades (then a log axis helps; otherwise a linear
   * one reads better). Iteration 0 and non-positive values are ignored.
   */
  public static boolean spansDecades(List<Curve> curves) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (Curve c : curves) {
      for (int i = 0; i < c.x().length; i++) {
        for (double v : new double[] {c.mean()[i], c.low()[i], c.high()[i]}) {
          double a = Math.abs(v);
          if (c.x()[i] != 0 && a > LOG_FLOOR && Double.isFinite(a)) {
            lo = Math.min(lo, a);
            hi = Math.max(hi, a);
          }
        }
      }
    }
    return hi > 0 && hi / lo >= 100;
  }

  /** As {@link #line(Path, String, String, String, boolean, List, String)} without bands' note. */
  public static void line(
      Path file, String title, String xLabel, String yLabel, boolean logY, List<Curve> curves) {
    line(file, title, xLabel, yLabel, logY, curves, "min–max over seeds");
  }

  /**
   * Draws the curves and writes a PNG atomically.
   *
   * @param file target .png
   * @param title chart title
   * @param xLabel x-axis title
   * @param yLabel y-axis title
   * @param logY logarithmic y axis
   * @param curves the lines
   * @param bandLegend legend text of the dashed band lines, e.g. "min–max over 3 seeds"
   */
  public static void line(
      Path file,
      String title,
      String xLabel,
      String yLabel,
      boolean logY,
      List<Curve> curves,
      String bandLegend) {
    line(file, title, xLabel, yLabel, false, logY, curves, bandLegend);
  }

  /**
   * As {@link #line(Path, String, String, String, boolean, List, String)} with a choice of a
   * logarithmic x axis (for sample counts spanning decades; non-positive x are left out).
   */
  public static void line(
      Path file,
      String title,
      String xLabel,
      String yLabel,
      boolean logX,
      boolean logY,
      List<Curve> curves,
      String bandLegend) {
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(600)
            .title(title)
            .xAxisTitle(xLabel)
            .yAxisTitle(yLabel)
            .build();
    style(chart);
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setXAxisLogarithmic(logX);
    chart.getStyler().setMarkerSize(0);
    // iteration 0 is left out on log axes (consensus is exactly 0 there, and a log x axis
    // cannot show 0)
    boolean skipZero = logX || (logY && "iteration".equals(xLabel));
    if (skipZero && !logX) {
      chart.getStyler().setXAxisMin(0.0); // round tick values although iteration 0 is not drawn
    }
    double xMax = 0;
    for (Curve c : curves) {
      for (double x : c.x()) {
        xMax = Math.max(xMax, Math.abs(x));
      }
    }
    if (!logX && xMax >= 500) { // xchart keeps ~30 x ticks: slant 3- and 4-digit labels
      chart.getStyler().setXAxisLabelRotation(45);
    }
    int i = 0;
    boolean anyBand = false;
    for (Curve raw : curves) {
      Curve c = skipZero ? withoutIterationZero(raw) : raw;
      Color color = PALETTE[i++ % PALETTE.length];
      XYSeries s = chart.addSeries(c.label(), c.x(), clip(c.mean(), logY));
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(color);
      s.setLineWidth(2f);
      if (c.hasBand()) {
        for (double[] edge : new double[][] {c.low(), c.high()}) {
          XYSeries b =
              chart.addSeries(
                  c.label() + (edge == c.low() ? " min" : " max"), c.x(), clip(edge, logY));
          b.setMarker(SeriesMarkers.NONE);
          b.setLineColor(color);
          b.setLineStyle(
              new BasicStroke(
                  0.8f,
                  BasicStroke.CAP_BUTT,
                  BasicStroke.JOIN_MITER,
                  10f,
                  new float[] {4f, 4f},
                  0f));
          b.setShowInLegend(false);
        }
        anyBand = true;
      }
    }
    if (anyBand) { // one legend entry explaining every dashed pair
      Curve c0 = skipZero ? withoutIterationZero(curves.get(0)) : curves.get(0);
      XYSeries key =
          chart.addSeries(
              "dashed: " + bandLegend,
              new double[] {c0.x()[0]},
              clip(new double[] {c0.mean()[0]}, logY));
      key.setMarker(SeriesMarkers.NONE);
      key.setLineColor(Color.GRAY);
      key.setLineStyle(
          new BasicStroke(
              0.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
    }
    write(file, chart);
  }

  /** Legend below the plot (so it never covers it), readable fonts, sparse ticks. */
  private static void style(XYChart chart) {
    org.knowm.xchart.style.XYStyler st = chart.getStyler();
    st.setLegendPosition(Styler.LegendPosition.OutsideS);
    st.setLegendLayout(Styler.LegendLayout.Vertical);
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotGridLinesVisible(true);
    st.setAxisTickLabelsFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 13));
    st.setLegendFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 13));
    chart.getStyler().setXAxisTickMarkSpacingHint(110);
    chart.getStyler().setYAxisTickMarkSpacingHint(60);
  }

  private static Curve withoutIterationZero(Curve c) {
    int from = 0;
    while (from < c.x().length - 1 && c.x()[from] <= 0) {
      from++;
    }
    int n = c.x().length;
    return new Curve(
        c.label(),
        java.util.Arrays.copyOfRange(c.x(), from, n),
        java.util.Arrays.copyOfRange(c.mean(), from, n),
        java.util.Arrays.copyOfRange(c.low(), from, n),
        java.util.Arrays.copyOfRange(c.high(), from, n));
  }

  /** A scatter of points with optional labels in the legend (one series per point). */
  public static void scatter(
      Path file,
      String title,
      String xLabel,
      String yLabel,
      boolean logY,
      List<String> labels,
      double[] x,
      double[] y) {
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(600)
            .title(title)
            .xAxisTitle(xLabel)
            .yAxisTitle(yLabel)
            .build();
    style(chart);
    chart
        .getStyler()
        .setDefaultSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setMarkerSize(10);
    for (int i = 0; i < x.length; i++) {
      XYSeries s =
          chart.addSeries(labels.get(i), new double[] {x[i]}, clip(new double[] {y[i]}, logY));
      s.setMarkerColor(PALETTE[i % PALETTE.length]);
    }
    write(file, chart);
  }

  /**
   * A heat map of {@code values[row][column]} (a missing value is NaN and leaves its cell empty),
   * each cell labelled with the number its colour shows (two decimals); with {@code log} that is
   * log10 of the absolute value (floored at {@link #LOG_FLOOR}), for quantities spanning decades
   * (say so in the title). Green is low, red high. Writes a PNG atomically.
   */
  public static void heatMap(
      Path file,
      String title,
      String xLabel,
      String yLabel,
      List<String> columns,
      List<String> rows,
      double[][] values,
      boolean log) {
    org.knowm.xchart.HeatMapChart chart =
        new org.knowm.xchart.HeatMapChartBuilder()
            .width(Math.max(700, 150 * columns.size() + 250))
            .height(Math.max(400, 90 * rows.size() + 200))
            .title(title)
            .xAxisTitle(xLabel)
            .yAxisTitle(yLabel)
            .build();
    org.knowm.xchart.style.HeatMapStyler st = chart.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setLegendPosition(Styler.LegendPosition.OutsideE);
    st.setAxisTickLabelsFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 13));
    st.setShowValue(true);
    st.setValueFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 13));
    st.setValueFontColor(Color.BLACK);
    st.setRangeColors(new Color[] {new Color(0x1a9850), new Color(0xfee08b), new Color(0xd73027)});
    st.setHeatMapValueDecimalPattern("0.00");
    st.setHeatMapDecimalValueFormatter(v -> String.format(java.util.Locale.ROOT, "%.2f", v));
    List<Number[]> cells = new java.util.ArrayList<>();
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < columns.size(); c++) {
        double v = values[r][c];
        if (Double.isNaN(v)) {
          continue;
        }
        // rounded to the two decimals shown (the legend's ends print the numbers in full)
        double shown =
            Math.round(100 * (log ? Math.log10(Math.max(Math.abs(v), LOG_FLOOR)) : v)) / 100.0;
        lo = Math.min(lo, shown);
        hi = Math.max(hi, shown);
        cells.add(new Number[] {c, r, shown});
      }
    }
    if (!cells.isEmpty()) {
      st.setMin(lo);
      st.setMax(hi > lo ? hi : lo + 1);
    }
    chart.addSeries(log ? "log10" : "value", columns, rows, cells);
    write(file, chart);
  }

  /** On a log axis: absolute values (a gap may be −1e-10 at the oracle's precision), floored. */
  private static double[] clip(double[] y, boolean logY) {
    double[] out = y.clone();
    for (int i = 0; i < out.length; i++) {
      if (logY) {
        double a = Math.abs(out[i]);
        out[i] = a > LOG_FLOOR ? a : LOG_FLOOR;
      }
    }
    return out;
  }

  private static void write(Path file, org.knowm.xchart.internal.chartpart.Chart<?, ?> chart) {
    try {
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      Path tmp = AtomicFiles.temporarySibling(file);
      java.nio.file.Files.write(tmp, png);
      AtomicFiles.commit(tmp, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
