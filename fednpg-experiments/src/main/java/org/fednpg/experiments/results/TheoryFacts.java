package org.fednpg.experiments.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * The manifest's {@code theory} block: {@link org.fednpg.api.run.Algorithm#theory(long)}, with
 * typed access to the quantities FedNPG's theory reports (PAPER.md Theorems 3.3/3.5, Lemma D.2;
 * absent keys read as null, e.g. Lemma D.2's for τ = 0).
 *
 * @param values the block, keys in order
 */
public record TheoryFacts(@JsonValue Map<String, Object> values) implements ManifestFacts {

  /** Reads the block from its JSON object. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public TheoryFacts {
    values = ManifestFacts.copy(values);
  }

  /** Which result the block instantiates (e.g. "Theorem 3.3 (vanilla FedNPG)"). */
  public String result() {
    return text("result");
  }

  /** Whether the result covers the algorithm that ran (false for the naive baselines). */
  public Boolean coversAlgorithm() {
    return flag("covers_algorithm");
  }

  /** The step size η of the run. */
  public Double eta() {
    return number("eta");
  }

  /** Spectral radius ρ(A(η)) of Lemma D.2's matrix (null when not finite). */
  public Double rho() {
    return number("rho");
  }

  /** Theorem 3.6's informal rate bound max{1 − τη/2, (3 + σ)/4}. */
  public Double rateBound() {
    return number("rate_bound");
  }

  /** Largest certified step η₀ (null when no step is certified). */
  public Double eta0() {
    return number("eta0");
  }

  /** Smallest certified step (null when no step is certified). */
  public Double eta0Low() {
    return number("eta0_low");
  }

  /** Theorem 3.3/3.5's step bound η₁. */
  public Double eta1() {
    return number("eta1");
  }

  /** σ of the topology the block was computed for. */
  public Double sigma() {
    return number("sigma");
  }

  /** τ. */
  public Double tau() {
    return number("tau");
  }

  /** γ. */
  public Double gamma() {
    return number("gamma");
  }

  /** N. */
  public Long agents() {
    return integer("agents");
  }

  /** |A|. */
  public Long actions() {
    return integer("actions");
  }

  /** Lemma D.2's constant M. */
  public Double lemmaM() {
    return number("M");
  }

  /** The block of a manifest read as a JSON tree (null or missing: empty). */
  public static TheoryFacts of(JsonNode node) {
    return node == null || node.isNull()
        ? new TheoryFacts(Map.of())
        : TREE.convertValue(node, TheoryFacts.class);
  }

  private static final ObjectMapper TREE = new ObjectMapper();
}
