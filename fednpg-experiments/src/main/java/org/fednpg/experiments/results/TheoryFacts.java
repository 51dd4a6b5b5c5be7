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

  /**
   * The run's quantities the theory was instantiated with.
   *
   * @param agents N
   * @param actions |A|
   * @param gamma γ
   * @param tau τ
   * @param eta the step size η of the run
   * @param sigma σ of the topology
   */
  public record Setting(
      Long agents, Long actions, Double gamma, Double tau, Double eta, Double sigma) {}

  /**
   * Lemma D.2's certificate at the run's η (every field null for τ = 0).
   *
   * @param m Lemma D.2's constant M
   * @param rho spectral radius ρ(A(η)) (null when not finite)
   * @param rateBound Theorem 3.6's informal rate bound max{1 − τη/2, (3 + σ)/4}
   * @param eta0Low smallest certified step (null when no step is certified)
   * @param eta0 largest certified step η₀ (null when no step is certified)
   */
  public record Certificate(Double m, Double rho, Double rateBound, Double eta0Low, Double eta0) {}

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

  /** The quantities the theory was instantiated with. */
  public Setting setting() {
    return new Setting(
        integer("agents"),
        integer("actions"),
        number("gamma"),
        number("tau"),
        number("eta"),
        number("sigma"));
  }

  /** Lemma D.2's certificate; {@code values().containsKey("rho")} tells whether it was computed. */
  public Certificate certificate() {
    return new Certificate(
        number("M"), number("rho"), number("rate_bound"), number("eta0_low"), number("eta0"));
  }

  /** Theorem 3.3/3.5's step bound η₁. */
  public Double eta1() {
    return number("eta1");
  }

  /** The block of a manifest read as a JSON tree (null or missing: empty). */
  public static TheoryFacts of(JsonNode node) {
    return node == null || node.isNull()
        ? new TheoryFacts(Map.of())
        : TREE.convertValue(node, TheoryFacts.class);
  }

  private static final ObjectMapper TREE = new ObjectMapper();
}
