package org.fednpg.api.run;

import org.fednpg.api.model.MixingMatrix;

/**
 * How an agent combines the tables of its neighbours (its row of W^(t), self included) in every
 * exchange. {@link #MEAN} is the paper's Σ_m W_nm x_m; robust rules (trimmed mean, median, centred
 * clipping) replace it to survive faulty agents. Robust rules are not linear in the tables, so they
 * break the double stochasticity the paper's tracking argument relies on: the average of the
 * tracking tables no longer follows the average of the local Q's exactly.
 */
@FunctionalInterface
public interface Aggregation {

  /** Σ_m W_nm x_m ({@link MixingMatrix#mixRows}), bit for bit the paper's mixing. */
  Aggregation MEAN = (w, in, out, from, to) -> w.mixRows(in, out, from, to);

  /**
   * Writes into {@code out[n]}, for every n in [from, to), the combination of the tables {@code
   * in[m]} of agent n's support in W (m with W_nm ≠ 0). Only the support's rows of {@code in} need
   * to be present; {@code out} must not alias {@code in}.
   */
  void aggregate(MixingMatrix w, double[][] in, double[][] out, int from, int to);

  /** The rule's name for manifests and logs. */
  default String describe() {
    return this == MEAN ? "mean" : getClass().getSimpleName();
  }
}
