/**
 * Assembling a run from component choices: the registry builds the environment, topology, evaluator
 * and algorithm with seeds split from the master seed, the oracle solves the averaged problem, and
 * the metrics are wired to an exact evaluator. Knows nothing about files or CLIs.
 */
package org.fednpg.core.run;
