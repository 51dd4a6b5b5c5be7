package org.fednpg.core.oracle;

import org.fednpg.api.model.LogPolicy;

/**
 * The oracle's answer for one reward and τ: V_τ*, Q_τ* (flat S×A), the optimal (soft) policy and
 * V_τ*(ρ).
 *
 * @param values V_τ*(s)
 * @param q Q_τ*(s, a), row {@code s * actions + a}
 * @param policy the greedy policy (τ = 0, ties split evenly) or the soft-optimal π_τ* ∝ exp(Q_τ* /
 *     τ)
 * @param initialValue V_τ*(ρ)
 * @param sweeps value-iteration sweeps used
 */
public record OptimalSolution(
    double[] values, double[] q, LogPolicy policy, double initialValue, int sweeps) {}
