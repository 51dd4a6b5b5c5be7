package org.fednpg.evaluators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The successors-first order of a component's states for the Gauss–Seidel sweeps. */
class SweepOrderTest {

  /** Mass of the edges whose successor comes before their source in {@code perm}, over all. */
  private static double lowerMass(int[] perm, int[] rowPtr, int[] col, double[] w) {
    int[] position = new int[perm.length];
    for (int i = 0; i < perm.length; i++) {
      position[perm[i]] = i;
    }
    double lower = 0;
    double all = 0;
    for (int s = 0; s < perm.length; s++) {
      for (int e = rowPtr[s]; e < rowPtr[s + 1]; e++) {
        if (col[e] != s) {
          all += w[e];
          if (position[col[e]] < position[s]) {
            lower += w[e];
          }
        }
      }
    }
    return lower / all;
  }

  private static int[] identity(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    return p;
  }

  /** On a directed cycle every order has a backward edge; the best has only one. */
  @Test
  void aCycleGetsAllButOneEdgeBelowTheDiagonal() {
    int n = 300;
    int[] rowPtr = new int[n + 1];
    int[] col = new int[n];
    double[] w = new double[n];
    for (int s = 0; s < n; s++) {
      rowPtr[s + 1] = s + 1;
      col[s] = (s + 1) % n;
      w[s] = 1.0;
    }
    int[] perm = identity(n);
    assertThat(lowerMass(perm, rowPtr, col, w)).isEqualTo(1.0 / n);
    SweepOrder.reorder(perm, 0, n, rowPtr, col, w);
    assertThat(lowerMass(perm, rowPtr, col, w)).isEqualTo((n - 1.0) / n);
    int[] sorted = perm.clone();
    Arrays.sort(sorted);
    assertThat(sorted).isEqualTo(identity(n));
  }

  /**
   * A random dense-ish graph: about half the mass lies below the diagonal in any fixed order; the
   * greedy order does better, and only the given range is permuted.
   */
  @Test
  void aRandomBlockGainsAndOnlyItsRangeMoves() {
    int n = 800;
    SplittableRandom rng = new SplittableRandom(5);
    int[] rowPtr = new int[n + 1];
    int[] col = new int[n * 20];
    double[] w = new double[n * 20];
    int e = 0;
    for (int s = 0; s < n; s++) {
      boolean[] seen = new boolean[n];
      for (int k = 0; k < 20; k++) {
        int t = rng.nextInt(n);
        if (!seen[t]) {
          seen[t] = true;
          col[e] = t;
          w[e] = rng.nextDouble();
          e++;
        }
      }
      rowPtr[s + 1] = e;
    }
    int[] perm = identity(n);
    double before = lowerMass(perm, rowPtr, col, w);
    // a block of states 100 .. 699 only (its edges leaving the block do not count for it)
    SweepOrder.reorder(perm, 100, 700, rowPtr, col, w);
    for (int i = 0; i < 100; i++) {
      assertThat(perm[i]).isEqualTo(i);
      assertThat(perm[700 + i]).isEqualTo(700 + i);
    }
    int[] block = Arrays.copyOfRange(perm, 100, 700);
    Arrays.sort(block);
    for (int i = 0; i < 600; i++) {
      assertThat(block[i]).isEqualTo(100 + i);
    }
    perm = identity(n);
    SweepOrder.reorder(perm, 0, n, rowPtr, col, w);
    assertThat(before).isBetween(0.45, 0.55);
    assertThat(lowerMass(perm, rowPtr, col, w)).isGreaterThan(before + 0.05);
  }
}
