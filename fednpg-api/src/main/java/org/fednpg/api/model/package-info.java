/**
 * Immutable value types exchanged between modules: the shared transition kernel (sparse, CSR by
 * state-action row), per-agent reward tables, the multi-task MDP, tabular log-policies, Q
 * estimates, mixing matrices and the generative-model interface. Tables are S×A and stored flat,
 * row {@code s * actions + a}.
 */
package org.fednpg.api.model;
