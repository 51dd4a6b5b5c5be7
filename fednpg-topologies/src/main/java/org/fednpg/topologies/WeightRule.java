package org.fednpg.topologies;

import org.fednpg.api.RandomSource;
import org.fednpg.api.model.MixingMatrix;

/**
 * A rule that turns a communication graph into a mixing matrix supported on its edges and the
 * diagonal (SPEC §2). Rules are stateless; randomised rules draw from the {@link RandomSource} they
 * are given, so a matrix is a pure function of (graph, random node). Built-in rules are in {@link
 * WeightRules}.
 */
public interface WeightRule {

  /** The rule's name as written in a spec ({@code metropolis}, {@code lazy(metropolis)}, ...). */
  String name();

  /**
   * The matrix of this rule on {@code graph}.
   *
   * @param graph the (possibly disconnected) graph of the round
   * @param random the random node for randomised rules; deterministic rules ignore it
   * @throws org.fednpg.api.InvalidInputException when the rule does not apply to the graph
   */
  MixingMatrix weights(CommunicationGraph graph, RandomSource random);

  /**
   * The rule applied to the surviving graph of a round with dropped links. Equal to this rule
   * except for {@code equal}, which on an irregular surviving graph cannot be built and falls back
   * to Metropolis weights (identical to equal weights whenever the surviving graph is regular).
   */
  default WeightRule forDroppedLinks() {
    return this;
  }
}
