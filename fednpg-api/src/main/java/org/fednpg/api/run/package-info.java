/**
 * The runtime seam. An {@link org.fednpg.api.run.Algorithm} is a set of per-agent {@link
 * org.fednpg.api.run.AgentProcess}es that alternate local work with neighbour exchanges: in each
 * exchange every agent offers one table and gets back the W-weighted sum of its neighbours' tables.
 * A runtime (in-process, or a cluster) decides where agents live and how the tables travel; the
 * algorithm code is the same for all of them.
 */
package org.fednpg.api.run;
