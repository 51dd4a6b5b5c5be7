package org.fednpg.experiments.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.fednpg.api.io.AtomicFiles;
import org.fednpg.envs.GridWorld;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The paper's figure styles (Appendix H): the value V̄_τ^(t) against iteration with each curve's
 * optimum V_τ* as a dashed line of the same colour (Figures 3–5), and the paper's Figure 1, one
 * panel per agent showing the map with the whole path outlined and only that agent's segment
 * shaded.
 */
public final class PaperCharts {

  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
    new Color(0xbcbd22), new Color(0x17becf)
  };

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private PaperCharts() {}

  /**
   * Value curves, each with its optimum dashed.
   *
   * @param optima V_τ* of each curve, aligned with {@code curves}
   */
  public static void valueWithOptimum(
      Path file, String title, String yLabel, List<Curve> curves, double[] optima) {
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(560)
            .title(title)
            .xAxisTitle("iteration")
            .yAxisTitle(yLabel)
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesVisible(true);
    chart.getStyler().setMarkerSize(0);
    for (int i = 0; i < curves.size(); i++) {
      Curve c = curves.get(i);
      Color color = PALETTE[i % PALETTE.length];
      XYSeries s = chart.addSeries(c.label(), c.x(), c.mean());
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(color);
      s.setLineWidth(2f);
      if (c.hasBand()) {
        for (double[] edge : new double[][] {c.low(), c.high()}) {
          XYSeries b =
              chart.addSeries(c.label() + (edge == c.low() ? " min" : " max"), c.x(), edge);
          b.setMarker(SeriesMarkers.NONE);
          b.setLineColor(color);
          b.setLineStyle(new BasicStroke(0.6f));
          b.setShowInLegend(false);
        }
      }
      double[] x = {c.x()[0], c.x()[c.x().length - 1]};
      XYSeries opt =
          chart.addSeries(c.label() + " optimum", x, new double[] {optima[i], optima[i]});
      opt.setMarker(SeriesMarkers.NONE);
      opt.setLineColor(color);
      opt.setLineStyle(
          new BasicStroke(
              1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f));
      opt.setShowInLegend(i == 0);
      if (i == 0) {
        opt.setLabel("optimum V* (dashed)");
      }
    }
    try {
      write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * The paper's Figure 1 from our GridWorld: one panel per agent, the K×K map with the path's cells
   * outlined and agent n's segment shaded (the cells where agent n is rewarded).
   */
  public static void agentMaps(GridWorld.Layout layout, Path file, String caption) {
    int k = layout.size();
    int n = layout.agents();
    int cell = Math.max(8, Math.min(32, 260 / k));
    int margin = 16;
    int panel = k * cell + 2 * margin;
    BufferedImage img = new BufferedImage(n * panel, panel + 44, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    List<Integer> cells = layout.cells();
    List<Integer> segments = layout.segments();
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    for (int agent = 0; agent < n; agent++) {
      int ox = agent * panel + margin;
      int oy = margin;
      for (int i = 0; i < cells.size(); i++) {
        int s = cells.get(i);
        boolean mine = segments.get(i) == agent;
        g.setColor(mine ? new Color(0x4a6fa5) : new Color(0xdde3ee));
        g.fillRect(ox + (s % k) * cell, oy + (s / k) * cell, cell, cell);
      }
      g.setColor(new Color(0x2ca02c));
      g.fillOval(ox + cell / 4, oy + cell / 4, cell / 2, cell / 2);
      g.setColor(new Color(0xd62728));
      g.fillOval(
          ox + (k - 1) * cell + cell / 4, oy + (k - 1) * cell + cell / 4, cell / 2, cell / 2);
      g.setColor(new Color(0x999999));
      g.setStroke(new BasicStroke(1f));
      for (int i = 0; i <= k; i++) {
        g.drawLine(ox, oy + i * cell, ox + k * cell, oy + i * cell);
        g.drawLine(ox + i * cell, oy, ox + i * cell, oy + k * cell);
      }
      g.setColor(Color.BLACK);
      g.drawString("map of agent " + (agent + 1), ox, oy + k * cell + 16);
    }
    g.drawString(caption, margin, panel + 30);
    g.dispose();
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ImageIO.write(img, "png", bytes);
      write(file, bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void write(Path file, byte[] png) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = AtomicFiles.temporarySibling(file);
    Files.write(tmp, png);
    AtomicFiles.commit(tmp, file);
  }
}
