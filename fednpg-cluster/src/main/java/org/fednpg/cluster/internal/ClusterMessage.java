package org.fednpg.cluster.internal;

/**
 * Marker of every message that may cross a node boundary. The marker is bound to Pekko's {@code
 * jackson-cbor} serializer in {@code fednpg-cluster.conf}, and each implementing class is bound to
 * {@link ProtocolMigration}, so its serialised manifest carries the protocol version ({@code
 * ClassName#1}); the hot messages (tables, acknowledgements, agent reports) are bound instead to
 * the packed binary {@link TableSerializer}, versioned by its first byte. Java serialization is
 * disabled.
 */
public interface ClusterMessage {}
