package org.fednpg.core.algorithms;

import java.util.List;
import java.util.Locale;

/**
 * The readings of the paper's naive baseline, "FedNPG without the Q-tracking technique (line 6 in
 * Algorithm 1)" (Appendix H.1; the paper does not write its update out, PAPER.md §1). Each keeps
 * step 1 of SPEC §3 (mix (1 − ητ/(1−γ)) log π + (η/(1−γ)) D, normalise) and differs in the
 * direction D_n^(t) an agent sends:
 *
 * <ul>
 *   <li>{@link #LOCAL_Q} ({@code local-q}, the default): D_n^(t) = Q_n^(t), the agent's own current
 *       Q; one exchange per iteration.
 *   <li>{@link #FROZEN} ({@code frozen}): line 6 removed literally, T stays T^(0), so D_n^(t) =
 *       Q_n^(0) for every t; one exchange; Q is not evaluated after t = 0 (nothing uses it).
 *   <li>{@link #MIXED_Q} ({@code mixed-q}): T^(t+1) = W Q^(t+1), one gossip round of the current
 *       local Q with no tracking term, T^(0) = Q^(0); two exchanges like FedNPG.
 * </ul>
 */
public enum NaiveVariant {
  /** D = the local Q_n^(t). */
  LOCAL_Q,
  /** D = Q_n^(0) for ever. */
  FROZEN,
  /** D = T_n^(t) with T^(t+1) = W Q^(t+1). */
  MIXED_Q;

  /** Spec values, in the order of the constants. */
  public static final List<String> NAMES = List.of("local-q", "frozen", "mixed-q");

  /** The spec value. */
  public String specName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant of a spec value (one of {@link #NAMES}). */
  public static NaiveVariant byName(String name) {
    for (NaiveVariant v : values()) {
      if (v.specName().equals(name)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown naive variant '" + name + "'");
  }
}
