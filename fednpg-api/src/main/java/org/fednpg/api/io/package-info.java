/**
 * Bounded, checked reading of the input files a run depends on, with a record of what was read; the
 * numeric CSV reader and the atomic file writer every module uses (JDK only).
 */
package org.fednpg.api.io;
