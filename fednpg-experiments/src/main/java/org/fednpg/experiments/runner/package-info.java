/** Runs experiment specs (single runs and sweeps) into result folders. */
package org.fednpg.experiments.runner;
