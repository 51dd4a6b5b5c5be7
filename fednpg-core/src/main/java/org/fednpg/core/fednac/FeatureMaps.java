package org.fednpg.core.fednac;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.RandomSource;
import org.fednpg.api.io.NumericCsv;

/**
 * The built-in feature constructions of FedNAC's {@code features} parameter. Every map except
 * one-hot is checked for linearly independent columns by {@link UniformProjection}.
 */
public final class FeatureMaps {

  /** Monomials x^i y^j (i + j ≤ 2) per action block of {@link #gridworldCoords}. */
  public static final int COORD_MONOMIALS = 6;

  private FeatureMaps() {}

  /** Tabular features, d = |S||A|. */
  public static FeatureMap oneHot(int states, int actions) {
    return new OneHotFeatures(states, actions);
  }

  /**
   * Random Gaussian features: φ_k(sa) i.i.d. N(0, 1/d), drawn row-major (sa, then k) from {@code
   * random} — the same node for every agent, so all agents share the map.
   */
  public static FeatureMap random(int states, int actions, int dim, RandomSource random) {
    SplittableRandom rng = random.random();
    double scale = 1 / Math.sqrt(dim);
    double[] table = new double[states * actions * dim];
    for (int i = 0; i < table.length; i++) {
      table[i] = scale * rng.nextGaussian();
    }
    return new DenseFeatures(states, actions, dim, table);
  }

  /**
   * Coordinate polynomials for the paper GridWorld (state s = row·K + col, K = √|S|). With x =
   * row/(K−1) and y = col/(K−1) in [0, 1], action a owns the block of six features [1, x, y, x²,
   * x·y, y²] at indices 6a..6a+5 (zero elsewhere): d = 6|A|.
   *
   * @throws InvalidInputException when |S| is not a square K² with K ≥ 3 (for K = 2, x² = x)
   */
  public static FeatureMap gridworldCoords(int states, int actions) {
    int k = (int) Math.round(Math.sqrt(states));
    if (k * k != states) {
      throw new InvalidInputException(
          "features 'gridworld-coords' need a square grid, but the "
              + "environment has "
              + states
              + " states (not K*K)");
    }
    if (k < 3) {
      throw new InvalidInputException(
          "features 'gridworld-coords' need a grid side K >= 3 "
              + "(quadratic terms are dependent on a 2x2 grid), got K = "
              + k);
    }
    int dim = COORD_MONOMIALS * actions;
    double[] table = new double[states * actions * dim];
    for (int s = 0; s < states; s++) {
      double x = (double) (s / k) / (k - 1);
      double y = (double) (s % k) / (k - 1);
      double[] mono = {1, x, y, x * x, x * y, y * y};
      for (int a = 0; a < actions; a++) {
        int base = (s * actions + a) * dim + a * COORD_MONOMIALS;
        System.arraycopy(mono, 0, table, base, COORD_MONOMIALS);
      }
    }
    return new DenseFeatures(states, actions, dim, table);
  }

  /**
   * Features from a CSV file: |S||A| lines of d comma-separated numbers, no header, line {@code
   * s·|A| + a + 1} for (s, a); blank lines are skipped.
   *
   * @throws InvalidInputException naming the file and line on a wrong shape or a bad number
   */
  public static FeatureMap fromFile(Path file, int states, int actions) {
    List<NumericCsv.Row> rows = NumericCsv.read(file, "features file");
    int dim = rows.isEmpty() ? 0 : rows.get(0).values().length;
    int expected = states * actions;
    if (rows.size() != expected) {
      throw new InvalidInputException(
          "features file "
              + file
              + ": has "
              + rows.size()
              + " rows, expected |S|*|A| = "
              + states
              + "*"
              + actions
              + " = "
              + expected
              + " (row s*|A|+a for state s, action a)");
    }
    double[] table = new double[expected * dim];
    for (int sa = 0; sa < expected; sa++) {
      System.arraycopy(rows.get(sa).values(), 0, table, sa * dim, dim);
    }
    return new DenseFeatures(states, actions, dim, table);
  }
}
