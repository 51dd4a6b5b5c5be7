/**
 * Performance measurements: JMH benchmarks of policy evaluation, mixing and full FedNPG iterations,
 * and {@link org.fednpg.bench.ScaleRun}, a plain main that runs a whole scenario and reports ms per
 * iteration, the per-phase profile and peak heap. Not part of any test run.
 */
package org.fednpg.bench;
