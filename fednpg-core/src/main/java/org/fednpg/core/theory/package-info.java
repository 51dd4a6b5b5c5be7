/**
 * The computable pieces of the paper's theory (PAPER.md §2): the matrix A(η) of Lemma D.2 and its
 * spectral norm ρ(η), the largest certified step η₀ found numerically, the informal rate bound of
 * Theorem 3.6, and the step sizes η₁ and η of Theorem 3.3 for vanilla FedNPG. {@link NpgTheory}
 * turns them into a run's manifest {@code theory} block.
 */
package org.fednpg.core.theory;
