/**
 * Result folders: metrics CSV, manifest with provenance, atomic writes (temp file + rename) so a
 * folder either holds a finished run or is redone.
 */
package org.fednpg.experiments.results;
