/** The per-iteration metrics of SPEC §5, computed exactly from the model. */
package org.fednpg.core.metrics;
