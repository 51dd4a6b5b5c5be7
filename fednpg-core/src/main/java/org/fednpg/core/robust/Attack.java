package org.fednpg.core.robust;

import java.util.Arrays;
import org.fednpg.api.InvalidInputException;

/**
 * What an adversary does to the tables it sends (both exchanges unless stated; our definitions).
 * The adversary computes its own state honestly from what it receives; only the sent copy is
 * altered. It never sees another agent's reward.
 */
public enum Attack {
  /** Sends −x. */
  SIGN_FLIP("sign-flip"),
  /** Sends c·x (parameter {@code scale}, default 3: an agent that amplifies its table). */
  SCALED("scaled"),
  /**
   * Sends x + σ·ξ, ξ standard Gaussian per entry (parameter {@code sigma}), drawn from the
   * adversary's own stream keyed by agent, iteration and exchange.
   */
  RANDOM("random"),
  /** Sends a table whose every entry is {@code value} (default 0). */
  CONSTANT("constant"),
  /**
   * Re-sends the table it computed {@code lag} iterations ago in the same exchange (its first table
   * before that): a non-stationary, not malicious, agent. The history is checkpointed.
   */
  STALE("stale"),
  /**
   * Sends its honest policy table in the first exchange, but in the tracking exchange reports the
   * tracking table of the negated reward −r_n (it runs a second, lying copy of its own agent on
   * −r_n, driven by the same received mixes). Needs an algorithm with a tracking exchange.
   */
  LIE_Q("lie-q");

  private final String specName;

  Attack(String specName) {
    this.specName = specName;
  }

  /** The name in specs. */
  public String specName() {
    return specName;
  }

  /**
   * The attack called {@code name}.
   *
   * @throws InvalidInputException listing the names on an unknown one
   */
  public static Attack of(String name) {
    for (Attack a : values()) {
      if (a.specName.equals(name)) {
        return a;
      }
    }
    throw new InvalidInputException(
        "adversary: 'attack' must be one of "
            + Arrays.stream(values()).map(Attack::specName).toList()
            + ", got '"
            + name
            + "'");
  }
}
