/**
 * The default runtime: all agents in one process, synchronous rounds, agents evaluated in parallel
 * on a bounded pool, mixing through the sparse rows of W.
 */
package org.fednpg.core.runtime;
