/**
 * FedNAC, a federated natural actor–critic with log-linear policies π_θ(a|s) ∝ exp(φ(s,a)ᵀθ) (SPEC
 * §3, our reconstruction: the paper's sampling scheme and constants are not available). Each agent
 * fits a linear critic w_n from its own simulated transitions, the agents track the global critic
 * h_n by gradient-tracking style mixing, and the actor mixes θ along h. Features come from a {@link
 * org.fednpg.core.fednac.FeatureMap}: one-hot (tabular), seeded random Gaussian, GridWorld
 * coordinate polynomials or a CSV file.
 */
package org.fednpg.core.fednac;
