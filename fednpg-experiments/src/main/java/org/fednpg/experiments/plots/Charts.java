package org.fednpg.experiments.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.fednpg.experiments.results.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line charts of metrics: one line per curve, its min–max band over seeds drawn as thin dashed
 * lines of the same colour, optional log scale (for linearly converging quantities). A log axis
 * shows absolute values, and values it cannot show (0, NaN) are clipped to {@link #LOG_FLOOR}.
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
   * Draws the curves and writes a PNG atomically.
   *
   * @param file target .png
   * @param title chart title
   * @param xLabel x-axis title
   * @param yLabel y-axis title
   * @param logY logarithmic y axis
   * @param curves the lines
   */
  public static void line(Path file, String title, String xLabel, String yLabel, boolean logY,
      List<Curve> curves) {
    XYChart chart = new XYChartBuilder().width(900).height(560).title(title)
        .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesVisible(true);
    chart.getStyler().setMarkerSize(0);
    int i = 0;
    for (Curve c : curves) {
      Color color = PALETTE[i++ % PALETTE.length];
      XYSeries s = chart.addSeries(c.label(), c.x(), clip(c.mean(), logY));
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(color);
      s.setLineWidth(2f);
      if (c.hasBand()) {
        for (double[] edge : new double[][] {c.low(), c.high()}) {
          XYSeries b = chart.addSeries(c.label() + (edge == c.low() ? " min" : " max"), c.x(),
              clip(edge, logY));
          b.setMarker(SeriesMarkers.NONE);
          b.setLineColor(color);
          b.setLineStyle(new BasicStroke(0.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
              new float[] {4f, 4f}, 0f));
          b.setShowInLegend(false);
        }
      }
    }
    write(file, chart);
  }

  /** A scatter of points with optional labels in the legend (one series per point). */
  public static void scatter(Path file, String title, String xLabel, String yLabel, boolean logY,
      List<String> labels, double[] x, double[] y) {
    XYChart chart = new XYChartBuilder().width(900).height(560).title(title)
        .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
    chart.getStyler().setDefaultSeriesRenderStyle(
        org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setYAxisLogarithmic(logY);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setMarkerSize(10);
    for (int i = 0; i < x.length; i++) {
      XYSeries s = chart.addSeries(labels.get(i), new double[] {x[i]},
          clip(new double[] {y[i]}, logY));
      s.setMarkerColor(PALETTE[i % PALETTE.length]);
    }
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

  private static void write(Path file, XYChart chart) {
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
