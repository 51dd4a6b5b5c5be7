package org.fednpg.cluster.internal;

/**
 * Marks an exception whose message a node may send to a submitter as is: it was written by the
 * cluster code from the spec's own values (a path, a rule, a digest), never from a node's files.
 * Every other failure on a node that reads its own files is reported without its message (see
 * {@link AgentHost#describe}).
 */
public interface SafeMessage {}
