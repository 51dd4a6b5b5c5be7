/**
 * {@code fednpg reproduce}: the experiments of SPEC §8 as shipped specs, their figures, and a
 * REPORT.md whose sentences are built from the measured numbers.
 */
package org.fednpg.experiments.reproduce;
