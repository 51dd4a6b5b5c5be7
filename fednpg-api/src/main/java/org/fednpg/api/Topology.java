package org.fednpg.api;

import java.util.Map;
import org.fednpg.api.model.MixingMatrix;

/**
 * A communication graph with its mixing weights, possibly changing from round to round. Every
 * matrix it returns has been validated per SPEC §2.
 */
public interface Topology {

  /** N. */
  int agents();

  /** W^(t) used in communication round {@code round} (the same matrix when static). */
  MixingMatrix mixing(long round);

  /** Whether {@link #mixing(long)} depends on the round. */
  default boolean isTimeVarying() {
    return false;
  }

  /**
   * σ = ‖W − 11ᵀ/N‖₂ of the nominal matrix: W^(0) for a static topology; with failing links, the
   * matrix with every link up (a single round may be disconnected, σ = 1), the mean over rounds
   * going into {@link #report()}.
   */
  double sigma();

  /** Spectral and structural facts for the manifest (σ, spectral gap, degrees, ...). */
  default Map<String, Object> report() {
    return Map.of("sigma", sigma());
  }
}
