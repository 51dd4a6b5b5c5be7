package org.fednpg.core.run;

import java.nio.file.Path;
import java.util.Objects;
import org.fednpg.core.robust.AdversarySpec;

/**
 * Everything needed to assemble one run.
 *
 * @param seed master seed
 * @param gamma discount overriding the environment's, or null to keep it
 * @param environment environment choice
 * @param topology topology choice, or null (only for algorithms that do not communicate)
 * @param evaluator evaluator choice, or null (defaults to {@code exact} when the algorithm needs
 *     one)
 * @param algorithm algorithm choice
 * @param baseDirectory folder that relative paths resolve against
 * @param adversary the adversary block (beyond the paper), or null for none
 */
public record RunRequest(
    long seed,
    Double gamma,
    ComponentSpec environment,
    ComponentSpec topology,
    ComponentSpec evaluator,
    ComponentSpec algorithm,
    Path baseDirectory,
    AdversarySpec adversary) {

  /** A request without adversaries. */
  public RunRequest(
      long seed,
      Double gamma,
      ComponentSpec environment,
      ComponentSpec topology,
      ComponentSpec evaluator,
      ComponentSpec algorithm,
      Path baseDirectory) {
    this(seed, gamma, environment, topology, evaluator, algorithm, baseDirectory, null);
  }

  public RunRequest {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(baseDirectory, "baseDirectory");
  }
}
