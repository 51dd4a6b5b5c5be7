package org.fednpg.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.TrustManagerFactory;
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
    Path member = TlsFixtures.shared().resolve("member");
    TlsStores.config(member);
    SSLContext context = context(member);
    SSLEngine client = context.createSSLEngine("client", 1);
    client.setUseClientMode(true);
    SSLEngine server = context.createSSLEngine("server", 2);
    server.setUseClientMode(false);
    server.setNeedClientAuth(true);
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

  private static SSLContext context(Path folder) throws Exception {
    char[] password = TlsFixtures.PASSWORD.toCharArray();
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(store(folder.resolve(TlsStores.KEY_STORE), password), password);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store(folder.resolve(TlsStores.TRUST_STORE), password));
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    return context;
  }

  private static KeyStore store(Path file, char[] password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password);
    }
    return store;
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
