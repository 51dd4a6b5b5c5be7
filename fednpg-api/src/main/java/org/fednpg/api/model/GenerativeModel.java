package org.fednpg.api.model;

import java.util.random.RandomGenerator;

/**
 * Sampling access to an environment: draw s' ~ P(·|s,a) and s₀ ~ ρ with a caller-supplied generator
 * (so streams stay split per agent and purpose). Sampled evaluators and FedNAC only see the
 * environment through this interface.
 */
public interface GenerativeModel {

  int states();

  int actions();

  /** Draws s' ~ P(·|s, a). */
  int nextState(int s, int a, RandomGenerator random);

  /** Draws s₀ ~ ρ. */
  int initialState(RandomGenerator random);
}
