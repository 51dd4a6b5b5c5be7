/** Bounded, checked reading of the input files a run depends on, with a record of what was read. */
package org.fednpg.api.io;
