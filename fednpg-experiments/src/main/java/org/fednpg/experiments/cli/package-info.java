/**
 * The {@code fednpg} command line (picocli). The only place that writes to standard output;
 * failures print one line on standard error and exit non-zero (2 for bad input, 1 otherwise).
 */
package org.fednpg.experiments.cli;
