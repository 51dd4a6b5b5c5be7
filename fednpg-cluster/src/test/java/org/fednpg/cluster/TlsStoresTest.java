package org.fednpg.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fednpg.api.InvalidInputException;
import org.fednpg.cluster.internal.TlsStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS folder is checked at start: missing stores or a wrong password name the file. */
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
}
