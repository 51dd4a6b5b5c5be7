package org.fednpg.api;

/**
 * A convenience base for {@link ComponentProvider}s: holds the {@link ComponentProvider#name()} and
 * {@link ComponentProvider#description()} given to its constructor, so a provider states them once
 * ({@code super("file", "an MDP from a JSON file")}) and implements only {@code parameters()} and
 * {@code create(...)}. Optional: implementing the interface directly works as well.
 */
public abstract class NamedProvider {

  private final String name;
  private final String description;

  /**
   * @param name the name a spec uses in {@code type:}
   * @param description one line for {@code fednpg list}
   */
  protected NamedProvider(String name, String description) {
    this.name = name;
    this.description = description;
  }

  /** The name a spec uses in {@code type:}. */
  public final String name() {
    return name;
  }

  /** One line for {@code fednpg list}. */
  public final String description() {
    return description;
  }
}
