package org.fednpg.experiments.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;

/**
 * The manifest's {@code environment} block: {@link org.fednpg.api.Environment#manifestInfo()}, with
 * typed access to the facts the built-in environments report (every one is optional: each
 * environment reports its own).
 *
 * @param values the facts, keys in order
 */
public record EnvironmentFacts(@JsonValue Map<String, Object> values) implements ManifestFacts {

  /** Reads the block from its JSON object. */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public EnvironmentFacts {
    values = ManifestFacts.copy(values);
  }

  /** The {@code fednpg-mdp/1} file an MDP was read from ({@code file} environment). */
  public String file() {
    return text("file");
  }
}
