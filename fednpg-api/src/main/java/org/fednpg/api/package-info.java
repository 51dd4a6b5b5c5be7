/**
 * The contract every fednpg module shares: provider interfaces for the four plugin families
 * (environments, topologies, policy evaluators, algorithms), their parameter descriptions, the
 * seeded randomness tree and the exceptions for bad input. JDK only by design.
 */
package org.fednpg.api;
