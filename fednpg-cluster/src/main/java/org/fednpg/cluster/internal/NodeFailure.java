package org.fednpg.cluster.internal;

import org.fednpg.api.FedNpgException;

/** A failure on a node whose message is safe to send to the submitter (see {@link SafeMessage}). */
public final class NodeFailure extends FedNpgException implements SafeMessage {
  private static final long serialVersionUID = 1L;

  public NodeFailure(String message) {
    super(message);
  }
}
