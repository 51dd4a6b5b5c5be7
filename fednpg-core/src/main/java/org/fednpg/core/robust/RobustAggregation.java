package org.fednpg.core.robust;

import java.util.Arrays;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.model.MixingMatrix;
import org.fednpg.api.run.Aggregation;

/**
 * The robust aggregation rules (our definitions). Each works on agent n's support in W^(t): the
 * agents m with W_nm ≠ 0, n itself included when W_nn ≠ 0.
 *
 * <ul>
 *   <li>{@code trimmed-mean} (b = {@code trim}): per entry, drop the b largest and the b smallest
 *       of the support's values and average the rest with their W weights renormalised to sum 1
 *       (with equal weights, the plain average the issue names). The values are the agent's own and
 *       its neighbours' (our choice: the own value is trimmed like any other). b = 0 is exactly
 *       {@link Aggregation#MEAN} (bit for bit). Needs degree ≥ 2b + 1 (the condition).
 *   <li>{@code median}: per entry, the median of the support's values (the mean of the two middle
 *       ones for an even count); weights are ignored.
 *   <li>{@code clipped} (radius {@code clip}): centred clipping around the agent's own table x_n:
 *       x_n + Σ_m W_nm · clip(x_m − x_n), where clip scales a difference table down to ℓ2 norm
 *       {@code clip} when it is longer.
 * </ul>
 *
 * Robust rules are nonlinear, so they break W's double stochasticity: the honest agents' average
 * tracking table drifts from their average local Q (measured as {@code honest_tracking_drift}).
 */
public final class RobustAggregation {

  /** The rule names a spec may give. */
  public static final java.util.List<String> NAMES =
      java.util.List.of("mean", "trimmed-mean", "median", "clipped");

  private RobustAggregation() {}

  /**
   * The rule called {@code name}.
   *
   * @param trim b for {@code trimmed-mean} (≥ 0)
   * @param clip the radius for {@code clipped} (&gt; 0)
   * @throws InvalidInputException on an unknown name or a bad parameter
   */
  public static Aggregation of(String owner, String name, int trim, double clip) {
    switch (name) {
      case "mean":
        return Aggregation.MEAN;
      case "trimmed-mean":
        if (trim < 0) {
          throw new InvalidInputException(owner + ": parameter 'trim' must be >= 0, got " + trim);
        }
        return trim == 0 ? Aggregation.MEAN : new TrimmedMean(trim);
      case "median":
        return new Median();
      case "clipped":
        if (!(clip > 0) || Double.isInfinite(clip)) {
          throw new InvalidInputException(
              owner + ": parameter 'clip' must be a finite number > 0, got " + clip);
        }
        return new Clipped(clip);
      default:
        throw new InvalidInputException(
            owner + ": parameter 'aggregation' must be one of " + NAMES + ", got '" + name + "'");
    }
  }

  /**
   * Refuses a trimmed mean whose b is too large for some agent's support in {@code w}.
   *
   * @throws InvalidInputException naming the agent and its degree
   */
  public static void checkDegree(String owner, Aggregation rule, MixingMatrix w) {
    if (rule instanceof TrimmedMean tm) {
      for (int n = 0; n < w.size(); n++) {
        tm.check(owner, n, w.support(n));
      }
    }
  }

  /** Coordinate-wise trimmed mean with W weights renormalised over the kept values. */
  static final class TrimmedMean implements Aggregation {
    private final int trim;

    TrimmedMean(int trim) {
      this.trim = trim;
    }

    /**
     * The condition: degree (neighbours other than n in W's support) ≥ 2b + 1, so the trim
     * keeps at least one neighbour's value besides the agent's own.
     */
    void check(String owner, int n, int[] support) {
      int degree = 0;
      for (int m : support) {
        degree += m == n ? 0 : 1;
      }
      if (degree < 2 * trim + 1) {
        throw new InvalidInputException(
            owner
                + ": aggregation 'trimmed-mean' with trim "
                + trim
                + " needs every agent to have degree at least "
                + (2 * trim + 1)
                + " (2b + 1), agent "
                + n
                + " has degree "
                + degree);
      }
    }

    @Override
    public void aggregate(MixingMatrix w, double[][] in, double[][] out, int from, int to) {
      for (int n = from; n < to; n++) {
        int[] sup = w.support(n);
        double[] ws = w.supportWeights(n);
        check("trimmed-mean", n, sup);
        Integer[] order = new Integer[sup.length];
        double[] o = out[n];
        for (int i = 0; i < o.length; i++) {
          final int entry = i;
          for (int k = 0; k < sup.length; k++) {
            order[k] = k;
          }
          // Stable sort by value, ties by position in the support: deterministic.
          Arrays.sort(order, (a, b) -> Double.compare(in[sup[a]][entry], in[sup[b]][entry]));
          double sum = 0;
          double weight = 0;
          for (int k = trim; k < sup.length - trim; k++) {
            sum += ws[order[k]] * in[sup[order[k]]][entry];
            weight += ws[order[k]];
          }
          o[i] = sum / weight;
        }
      }
    }

    @Override
    public String describe() {
      return "trimmed-mean(trim=" + trim + ")";
    }
  }

  /** Coordinate-wise median of the support's values. */
  static final class Median implements Aggregation {
    @Override
    public void aggregate(MixingMatrix w, double[][] in, double[][] out, int from, int to) {
      for (int n = from; n < to; n++) {
        int[] sup = w.support(n);
        double[] values = new double[sup.length];
        double[] o = out[n];
        int mid = sup.length / 2;
        for (int i = 0; i < o.length; i++) {
          for (int k = 0; k < sup.length; k++) {
            values[k] = in[sup[k]][i];
          }
          Arrays.sort(values);
          o[i] = sup.length % 2 == 1 ? values[mid] : 0.5 * (values[mid - 1] + values[mid]);
        }
      }
    }

    @Override
    public String describe() {
      return "median";
    }
  }

  /** Centred clipping around the agent's own table. */
  static final class Clipped implements Aggregation {
    private final double radius;

    Clipped(double radius) {
      this.radius = radius;
    }

    @Override
    public void aggregate(MixingMatrix w, double[][] in, double[][] out, int from, int to) {
      for (int n = from; n < to; n++) {
        int[] sup = w.support(n);
        double[] ws = w.supportWeights(n);
        double[] own = in[n];
        double[] o = out[n];
        System.arraycopy(own, 0, o, 0, o.length);
        for (int k = 0; k < sup.length; k++) {
          double[] x = in[sup[k]];
          if (sup[k] == n) {
            continue;
          }
          double norm = 0;
          for (int i = 0; i < o.length; i++) {
            double d = x[i] - own[i];
            norm += d * d;
          }
          norm = Math.sqrt(norm);
          double scale = norm > radius ? radius / norm : 1.0;
          double wk = ws[k] * scale;
          for (int i = 0; i < o.length; i++) {
            o[i] += wk * (x[i] - own[i]);
          }
        }
      }
    }

    @Override
    public String describe() {
      return "clipped(clip=" + radius + ")";
    }
  }
}
