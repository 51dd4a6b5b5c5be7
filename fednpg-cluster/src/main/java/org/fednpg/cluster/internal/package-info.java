/**
 * How the pekko runtime works inside: the sharded agent entity with its reliable synchronous
 * exchange protocol, the per-node assembly of runs, the versioned wire messages (marker {@link
 * org.fednpg.cluster.internal.ClusterMessage}: packed binary tables, Jackson CBOR control messages)
 * and the coordinator bridge. Not an API: only {@code org.fednpg.cluster} is meant to be called.
 */
package org.fednpg.cluster.internal;
