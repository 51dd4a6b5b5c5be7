/**
 * The {@link org.fednpg.api.TopologyProvider}s of this module, one per graph family plus {@code
 * edges} (an edge-list file) and {@code file} (an explicit mixing matrix). Graph providers share
 * {@link org.fednpg.topologies.providers.GraphTopologyProvider}'s {@code weights}, {@code base} and
 * {@code drop} parameters.
 */
package org.fednpg.topologies.providers;
