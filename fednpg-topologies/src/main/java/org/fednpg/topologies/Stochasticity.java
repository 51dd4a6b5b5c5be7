package org.fednpg.topologies;

import java.util.List;
import java.util.Locale;
import org.fednpg.api.InvalidInputException;

/**
 * Which sums of a mixing matrix must be 1 (the {@code stochastic} parameter of every topology
 * block, SPEC §2). {@link #DOUBLY} (the default) asks rows and columns to sum to 1, which is what
 * keeps FedNPG's tracking average (1/N)Σ T_n = (1/N)Σ Q_n; {@link #ROW} (opt-in, the paper's Figure
 * 4(a)) asks rows only, and the tracking average is then not preserved.
 */
public enum Stochasticity {
  /** Rows and columns sum to 1. */
  DOUBLY,
  /** Rows sum to 1; columns need not. */
  ROW;

  /** The spec values, in the order of the constants. */
  public static final List<String> NAMES = List.of("doubly", "row");

  /** The spec value ({@code doubly} or {@code row}). */
  public String specName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The constant for a spec value.
   *
   * @throws InvalidInputException listing the accepted values
   */
  public static Stochasticity byName(String name) {
    for (Stochasticity s : values()) {
      if (s.specName().equals(name)) {
        return s;
      }
    }
    throw new InvalidInputException(
        "stochastic must be one of " + String.join(", ", NAMES) + ", got '" + name + "'");
  }
}
