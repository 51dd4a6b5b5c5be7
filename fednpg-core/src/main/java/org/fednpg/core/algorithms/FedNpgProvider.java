package org.fednpg.core.algorithms;

/** Provider {@code fednpg}: FedNPG with Q-tracking (Algorithms 1 and 2 of the paper), τ ≥ 0. */
public final class FedNpgProvider extends NpgProvider {

  public FedNpgProvider() {
    super(true, true);
  }

  @Override
  public String name() {
    return "fednpg";
  }

  @Override
  public String description() {
    return "FedNPG with Q-tracking (Algorithms 1 and 2 of the paper), τ ≥ 0";
  }
}
