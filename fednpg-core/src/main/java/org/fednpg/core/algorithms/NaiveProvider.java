package org.fednpg.core.algorithms;

/** Provider {@code naive}: Federated NPG without Q-tracking: agents mix their local Q (baseline). */
public final class NaiveProvider extends NpgProvider {

  public NaiveProvider() {
    super(false, true);
  }

  @Override
  public String name() {
    return "naive";
  }

  @Override
  public String description() {
    return "Federated NPG without Q-tracking: agents mix their local Q (baseline)";
  }
}
