/**
 * Policy evaluators (SPEC §4): {@code exact} (block back-substitution over the strongly connected
 * components of the state graph, with a sparse or dense solve per component), {@code noisy} (exact
 * Q plus seeded noise of a named law) and {@code sampled} (Monte Carlo, TD(0) and LSTD estimates
 * from a generative model). {@link org.fednpg.evaluators.BellmanSolver} is also the fast path the
 * metrics use to evaluate many policies per iteration.
 */
package org.fednpg.evaluators;
