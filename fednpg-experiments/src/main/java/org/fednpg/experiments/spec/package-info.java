/** Experiment specs (SPEC §9): the record, its strict YAML/JSON parser and writer, sweeps. */
package org.fednpg.experiments.spec;
