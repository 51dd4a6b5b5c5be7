package org.fednpg.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import org.apache.pekko.event.NoMarkerLogging$;
import org.apache.pekko.remote.artery.tcp.ConfigSSLEngineProvider;
import org.fednpg.api.InvalidInputException;
import org.fednpg.cluster.internal.TlsStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS folder is checked at start: missing stores or a wrong password name the file; and once it
 * is read, this JVM's TLS 1.3 engines answer a peer's close_notify (else a member stopping while
 * its peers stay up hangs in Artery's shutdown, see {@link TlsStores#ACK_CLOSE_NOTIFY}).
 */
class TlsStoresTest {

  @TempDir Path tmp;

  @Test
  void aGoodFolderGivesMutualTlsOverTcp() throws Exception {
    Config c = TlsStores.config(TlsFixtures.shared().resolve("member"));
    assertThat(c.getString("pekko.remote.artery.transport")).isEqualTo("tls-tcp");
    assertThat(
            c.getBoolean("pekko.remote.artery.ssl.config-ssl-engine.require-mutual-authentication"))
        .isTrue();
    assertThat(c.getString("pekko.remote.artery.ssl.config-ssl-engine.key-store"))
        .endsWith(TlsStores.KEY_STORE);
  }

  @Test
  void badFoldersAreRefusedNamingTheFile() throws Exception {
    Path member = TlsFixtures.shared().resolve("member");
    Path copy = Files.createDirectories(tmp.resolve("copy"));
    Files.copy(member.resolve(TlsStores.KEY_STORE), copy.resolve(TlsStores.KEY_STORE));
    Files.copy(member.resolve(TlsStores.TRUST_STORE), copy.resolve(TlsStores.TRUST_STORE));
    assertThatThrownBy(() -> TlsStores.config(copy))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(TlsStores.PASSWORD_ENV)
        .hasMessageContaining(TlsStores.PASSWORD_FILE);
    Files.writeString(copy.resolve(TlsStores.PASSWORD_FILE), "wrong\n");
    assertThatThrownBy(() -> TlsStores.config(copy))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(TlsStores.KEY_STORE)
        .hasMessageContaining("password");
    Files.delete(copy.resolve(TlsStores.TRUST_STORE));
    Files.writeString(copy.resolve(TlsStores.PASSWORD_FILE), TlsFixtures.PASSWORD + "\n");
    assertThatThrownBy(() -> TlsStores.config(copy))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(TlsStores.TRUST_STORE)
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> TlsStores.config(tmp.resolve("nowhere")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("nowhere");
  }

  @Test
  void aTls13PeerAnswersCloseNotifyOnceTheFolderIsRead() throws Exception {
    // The engines Artery makes from the settings the folder gives (reading it sets the property).
    Config tls =
        TlsStores.config(TlsFixtures.shared().resolve("member"))
            .withFallback(ConfigFactory.defaultReference())
            .getConfig("pekko.remote.artery.ssl.config-ssl-engine");
    ConfigSSLEngineProvider engines = new ConfigSSLEngineProvider(tls, NoMarkerLogging$.MODULE$);
    SSLEngine client = engines.createClientSSLEngine("127.0.0.1", 1);
    SSLEngine server = engines.createServerSSLEngine("127.0.0.1", 2);
    ByteBuffer toServer = ByteBuffer.allocate(1 << 16);
    ByteBuffer toClient = ByteBuffer.allocate(1 << 16);
    client.beginHandshake();
    server.beginHandshake();
    for (int i = 0; i < 200 && (handshaking(client) || handshaking(server)); i++) {
      step(client, toClient, toServer);
      step(server, toServer, toClient);
    }
    assertThat(client.getSession().getProtocol()).isEqualTo("TLSv1.3");
    assertThat(handshaking(client) || handshaking(server)).as("handshake finished").isFalse();

    client.closeOutbound();
    client.wrap(ByteBuffer.allocate(0), toServer); // the client's close_notify
    toServer.flip();
    ByteBuffer plain = ByteBuffer.allocate(server.getSession().getApplicationBufferSize());
    while (toServer.hasRemaining() && !server.isInboundDone()) {
      server.unwrap(toServer, plain);
    }
    assertThat(server.isInboundDone()).as("server read the close_notify").isTrue();
    server.wrap(ByteBuffer.allocate(0), toClient);
    // Without jdk.tls.acknowledgeCloseNotify the server's side stays open (a TLS 1.3 half-close).
    assertThat(server.isOutboundDone()).as("server answered with its own close_notify").isTrue();
  }

  private static boolean handshaking(SSLEngine engine) {
    HandshakeStatus s = engine.getHandshakeStatus();
    return s != HandshakeStatus.NOT_HANDSHAKING && s != HandshakeStatus.FINISHED;
  }

  /** One move of an engine: wrap into {@code out}, unwrap from {@code in}, or run its tasks. */
  private static void step(SSLEngine engine, ByteBuffer in, ByteBuffer out) throws Exception {
    switch (engine.getHandshakeStatus()) {
      case NEED_WRAP -> engine.wrap(ByteBuffer.allocate(0), out);
      case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
        in.flip();
        engine.unwrap(in, ByteBuffer.allocate(engine.getSession().getApplicationBufferSize()));
        in.compact();
      }
      case NEED_TASK -> {
        for (Runnable task = engine.getDelegatedTask(); task != null; ) {
          task.run();
          task = engine.getDelegatedTask();
        }
      }
      default -> {}
    }
  }
}
