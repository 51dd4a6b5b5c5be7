package org.fednpg.experiments.plots;

/**
 * One line of a figure: its label, x values, and the mean and band (min and max over seeds) of y at
 * each x.
 *
 * @param label legend text
 * @param x x values
 * @param mean mean over seeds
 * @param low minimum over seeds
 * @param high maximum over seeds
 */
public record Curve(String label, double[] x, double[] mean, double[] low, double[] high) {

  /** A curve from one run (no band). */
  public static Curve single(String label, double[] x, double[] y) {
    return new Curve(label, x, y, y, y);
  }

  /** Whether the band has any width. */
  public boolean hasBand() {
    for (int i = 0; i < mean.length; i++) {
      if (low[i] != high[i]) {
        return true;
      }
    }
    return false;
  }
}
