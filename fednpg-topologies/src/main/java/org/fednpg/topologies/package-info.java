/**
 * Communication graphs over the agents, mixing-weight rules, validation of mixing matrices and
 * their spectral summary (SPEC §2). Graphs are small immutable adjacency structures ({@link
 * org.fednpg.topologies.CommunicationGraph}, convertible to JGraphT); σ is computed with EJML's
 * symmetric eigen-decomposition. Providers live in {@code org.fednpg.topologies.providers}.
 */
package org.fednpg.topologies;
