package org.fednpg.core.algorithms;

/**
 * Provider {@code centralized}: Centralised NPG on the averaged reward (one agent, no
 * communication).
 */
public final class CentralizedProvider extends NpgProvider {

  public CentralizedProvider() {
    super(false, false);
  }

  @Override
  public String name() {
    return "centralized";
  }

  @Override
  public String description() {
    return "Centralised NPG on the averaged reward (one agent, no communication)";
  }
}
