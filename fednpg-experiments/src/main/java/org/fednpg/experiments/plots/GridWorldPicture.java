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

/**
 * Draws the paper GridWorld as a PNG: the K×K grid, the path's cells coloured by the agent whose
 * segment they belong to (hue by agent index), start and goal marked.
 */
public final class GridWorldPicture {

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private GridWorldPicture() {}

  /** Renders {@code layout} to {@code file} (cell size adapts so the picture stays ≤ 700 px). */
  public static void write(GridWorld.Layout layout, Path file) {
    int k = layout.size();
    int cell = Math.max(6, Math.min(48, 700 / k));
    int margin = 20;
    int side = k * cell + 2 * margin;
    BufferedImage img =
        new BufferedImage(Math.max(side, 300), side + 26, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    List<Integer> cells = layout.cells();
    List<Integer> segments = layout.segments();
    for (int i = 0; i < cells.size(); i++) {
      int s = cells.get(i);
      float hue = layout.agents() <= 1 ? 0.6f : (float) segments.get(i) / layout.agents();
      g.setColor(Color.getHSBColor(hue, 0.55f, 0.95f));
      g.fillRect(margin + (s % k) * cell, margin + (s / k) * cell, cell, cell);
    }
    // start and goal in black/dark grey with a letter: no agent hue can be confused with them
    mark(g, margin, margin, cell, new Color(0x555555), "S");
    mark(g, margin + (k - 1) * cell, margin + (k - 1) * cell, cell, Color.BLACK, "G");
    g.setColor(new Color(0xbbbbbb));
    g.setStroke(new BasicStroke(k > 40 ? 0.5f : 1f));
    for (int i = 0; i <= k; i++) {
      g.drawLine(margin, margin + i * cell, margin + k * cell, margin + i * cell);
      g.drawLine(margin + i * cell, margin, margin + i * cell, margin + k * cell);
    }
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.drawString(
        "K=" + k + ", N=" + layout.agents() + ": S start (grey), G goal (black),",
        margin,
        side + 2);
    g.drawString("colour = agent owning the path cell", margin, side + 18);
    g.dispose();
    writePng(img, file);
  }

  private static void mark(Graphics2D g, int x, int y, int cell, Color color, String letter) {
    g.setColor(color);
    g.fillRect(x, y, cell, cell);
    if (cell >= 10) {
      g.setColor(Color.WHITE);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, cell * 2 / 3)));
      var fm = g.getFontMetrics();
      g.drawString(
          letter,
          x + (cell - fm.stringWidth(letter)) / 2,
          y + (cell + fm.getAscent() - fm.getDescent()) / 2);
    }
  }

  private static void writePng(BufferedImage img, Path file) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ImageIO.write(img, "png", bytes);
      Path tmp = AtomicFiles.temporarySibling(file);
      Files.write(tmp, bytes.toByteArray());
      AtomicFiles.commit(tmp, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
