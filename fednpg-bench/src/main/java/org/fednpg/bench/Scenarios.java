package org.fednpg.bench;

import java.nio.file.Path;
import org.fednpg.core.plugin.ComponentRegistry;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.run.AssembledRun;
import org.fednpg.core.run.ComponentSpec;
import org.fednpg.core.run.RunAssembler;
import org.fednpg.core.run.RunRequest;

/**
 * The benchmark scenarios, assembled exactly as {@code fednpg run} would assemble the same spec:
 * FedNPG (η = 0.1, τ given) with exact evaluation on a ring with one neighbour per side and equal
 * weights, from the registry given (a benchmark's entry point builds it, see {@link #builtIn}).
 */
public final class Scenarios {

  private final ComponentRegistry registry;

  /** Scenarios assembled from {@code registry}. */
  public Scenarios(ComponentRegistry registry) {
    this.registry = registry;
  }

  /** Scenarios over a new registry of fednpg's built-in components. */
  public static Scenarios builtIn() {
    return new Scenarios(Plugins.registry());
  }

  /** The paper GridWorld, K×K states, N agents, γ = 0.99. */
  public AssembledRun gridWorld(int size, int agents, double tau) {
    return assemble(ComponentSpec.of("gridworld", "size", size, "agents", agents), agents, tau);
  }

  /** A Garnet MDP with |S| states, |A| actions, branching b and N agents, γ = 0.99. */
  public AssembledRun garnet(int states, int actions, int branching, int agents, double tau) {
    return assemble(
        ComponentSpec.of(
            "garnet",
            "states",
            states,
            "actions",
            actions,
            "branching",
            branching,
            "agents",
            agents),
        agents,
        tau);
  }

  /**
   * A scenario from a short name: {@code gridworld:K:N} or {@code garnet:S:A:b:N}.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public AssembledRun named(String name, double tau) {
    String[] f = name.split(":");
    if (f[0].equals("gridworld") && f.length == 3) {
      return gridWorld(Integer.parseInt(f[1]), Integer.parseInt(f[2]), tau);
    }
    if (f[0].equals("garnet") && f.length == 5) {
      return garnet(
          Integer.parseInt(f[1]),
          Integer.parseInt(f[2]),
          Integer.parseInt(f[3]),
          Integer.parseInt(f[4]),
          tau);
    }
    throw new IllegalArgumentException(
        "scenario '" + name + "': expected gridworld:K:N or garnet:S:A:b:N");
  }

  private AssembledRun assemble(ComponentSpec environment, int agents, double tau) {
    RunRequest request =
        new RunRequest(
            1,
            0.99,
            environment,
            ComponentSpec.of("ring", "neighbors", 1, "weights", "equal"),
            ComponentSpec.of("exact"),
            ComponentSpec.of("fednpg", "eta", 0.1, "tau", tau),
            Path.of("."));
    return new RunAssembler(registry).assemble(request);
  }
}
