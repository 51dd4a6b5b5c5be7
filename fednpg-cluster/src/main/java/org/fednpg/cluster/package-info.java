/**
 * The opt-in {@code pekko} runtime: the same agents as the in-process runtime, spread over an
 * Apache Pekko cluster ({@link org.fednpg.cluster.PekkoRuntimeProvider}), and the standalone
 * cluster member behind {@code fednpg node} ({@link org.fednpg.cluster.ClusterNode}).
 */
package org.fednpg.cluster;
