package org.fednpg.cluster.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * Versions the wire protocol: Pekko writes {@link #VERSION} into the manifest of every message
 * bound to this migration and refuses messages from a newer protocol. Version 1 was the first one;
 * version 2 (recovery from a lost node) added the checkpoint fields of {@code StartAgent}, {@code
 * AgentFailed.nodeLeaving} and the snapshot pieces. Members of one cluster run the same build (the
 * run fingerprint checks it), so nothing is transformed: a version-1 message is refused.
 */
public final class ProtocolMigration extends JacksonMigration {

  /** The protocol version this build writes. */
  public static final int VERSION = 2;

  @Override
  public int currentVersion() {
    return VERSION;
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    if (fromVersion < VERSION) {
      throw new IllegalArgumentException(
          "message of fednpg wire protocol "
              + fromVersion
              + ", this node speaks "
              + VERSION
              + ": every member needs the same fednpg build");
    }
    return json;
  }
}
