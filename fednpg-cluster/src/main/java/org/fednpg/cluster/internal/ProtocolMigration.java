package org.fednpg.cluster.internal;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * Versions the wire protocol: Pekko writes {@link #VERSION} into the manifest of every message
 * bound to this migration and refuses messages from a newer protocol. Version 1 is the first one,
 * so there is nothing to transform yet; a future version adds its transformations here.
 */
public final class ProtocolMigration extends JacksonMigration {

  /** The protocol version this build writes. */
  public static final int VERSION = 1;

  @Override
  public int currentVersion() {
    return VERSION;
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    return json;
  }
}
