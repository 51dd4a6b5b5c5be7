package org.fednpg.experiments.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;

/**
 * The manifest's {@code topology} block: {@link org.fednpg.api.Topology#report()}, with typed
 * access to the facts the built-in topologies report (SPEC §2).
 *
 * @param values the report, keys in order
 */
public record TopologyFacts(@JsonValue Map<String, Object> values) implements ManifestFacts {

  /** Reads the block from its JSON object. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public TopologyFacts {
    values = ManifestFacts.copy(values);
  }

  /** σ = ‖W − 11ᵀ/N‖₂ of the nominal matrix. */
  public Double sigma() {
    return number("sigma");
  }

  /** 1 − σ. */
  public Double spectralGap() {
    return number("spectral_gap");
  }

  /** Mean σ over the rounds of a topology with failing links. */
  public Double meanSigma() {
    return number("mean_sigma");
  }

  /** Rounds for the consensus error to fall by e (from σ, or λ₂ for a non-symmetric W). */
  public Long consensusTime() {
    return integer("consensus_time");
  }

  /** Whether W is symmetric. */
  public Boolean symmetric() {
    return flag("symmetric");
  }

  /** Whether W is doubly stochastic. */
  public Boolean doublyStochastic() {
    return flag("doubly_stochastic");
  }

  /** Whether W satisfies the paper's Assumption 3.1 (symmetric, doubly stochastic, σ < 1). */
  public Boolean assumption31() {
    return flag("assumption_3_1");
  }

  /** Number of links. */
  public Long edges() {
    return integer("edges");
  }

  /** Smallest number of neighbours. */
  public Long minDegree() {
    return integer("min_degree");
  }

  /** Largest number of neighbours. */
  public Long maxDegree() {
    return integer("max_degree");
  }

  /** The weight rule ({@code equal}, {@code metropolis}, ...). */
  public String weights() {
    return text("weights");
  }
}
