package org.fednpg.cluster.internal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mutual TLS for Artery ({@code tls-tcp}) from a folder holding two PKCS12 stores: {@value
 * #KEY_STORE} (this member's private key and certificate chain) and {@value #TRUST_STORE} (the
 * certificate(s) it accepts from peers, normally the cluster's own CA). Every member — nodes and
 * submitting clients — needs both; a peer whose certificate is not signed by a trusted certificate
 * fails the handshake in both directions, so it can neither join nor submit.
 *
 * <p>Password (our choice): one password for both stores and the key, taken from the environment
 * variable {@value #PASSWORD_ENV} when it is set, otherwise from the first line of the file {@value
 * #PASSWORD_FILE} in the folder. It is never accepted on the command line (it would show in {@code
 * ps}).
 */
public final class TlsStores {

  /** The member's own key store in the folder. */
  public static final String KEY_STORE = "node.p12";

  /** The store of trusted certificates in the folder. */
  public static final String TRUST_STORE = "trust.p12";

  /** File in the folder whose first line is the password (when the variable is unset). */
  public static final String PASSWORD_FILE = "password";

  /** Environment variable that overrides the password file. */
  public static final String PASSWORD_ENV = "FEDNPG_TLS_PASSWORD";

  /**
   * JDK system property (read once, when the JVM first sets up TLS) that makes a TLS 1.3 engine
   * answer a peer's {@code close_notify} with its own, as TLS 1.2 always did.
   */
  public static final String ACK_CLOSE_NOTIFY = "jdk.tls.acknowledgeCloseNotify";

  private static final Logger LOG = LoggerFactory.getLogger(TlsStores.class);

  private static final String ENGINE = "pekko.remote.artery.ssl.config-ssl-engine.";

  private TlsStores() {}

  /**
   * Sets {@value #ACK_CLOSE_NOTIFY} to true unless it is set already (a warning when it is set to
   * anything else). Why: Artery closes a TLS connection by sending {@code close_notify} and waiting
   * for the peer to close its side; under TLS 1.3 the JDK by default does not answer (a
   * half-close), so the peer keeps the connection until it stops itself, and Pekko 1.7.0 waits for
   * those streams without a deadline (apache/pekko#3247, bounded only from 2.0.0-M4). A submitter
   * or node that stopped while its peers stayed up then hung in shutdown, measured here at 30-40 s
   * in about one run in three. It must run before the JVM's first TLS use, so {@link #config} calls
   * it.
   */
  static void acknowledgeCloseNotify() {
    String value = System.getProperty(ACK_CLOSE_NOTIFY);
    if (value == null) {
      System.setProperty(ACK_CLOSE_NOTIFY, "true");
    } else if (!Boolean.parseBoolean(value)) {
      LOG.warn(
          "-D{}={}: a member that stops while its peers stay up may hang for a while in shutdown"
              + " (its TLS 1.3 connections wait for the peers to close them); leave it unset",
          ACK_CLOSE_NOTIFY,
          value);
    }
  }

  /**
   * Artery settings for mutual TLS with the stores in {@code dir}; both stores are opened here so
   * that a wrong password or file fails at start with a clear message, not at the first handshake.
   *
   * @throws InvalidInputException naming the file and what is wrong with it
   */
  public static Config config(Path dir) {
    return config(dir, System.getenv(PASSWORD_ENV));
  }

  /** As {@link #config(Path)}, with the value of {@value #PASSWORD_ENV} given (null: unset). */
  static Config config(Path dir, String passwordFromEnv) {
    acknowledgeCloseNotify();
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException(
          "TLS folder '"
              + dir
              + "' does not exist or is not a folder"
              + " (expected "
              + KEY_STORE
              + ", "
              + TRUST_STORE
              + " and a '"
              + PASSWORD_FILE
              + "' file or $"
              + PASSWORD_ENV
              + ")");
    }
    String password = passwordFromEnv != null ? passwordFromEnv : readPassword(dir);
    Path key = dir.resolve(KEY_STORE).toAbsolutePath();
    Path trust = dir.resolve(TRUST_STORE).toAbsolutePath();
    KeyStore keys = open(key, password);
    if (!hasKey(keys)) {
      throw new InvalidInputException(
          "TLS key store '"
              + key
              + "' holds no private key entry"
              + " (make one with keytool -genkeypair, see the README)");
    }
    KeyStore trusted = open(trust, password);
    if (count(trusted) == 0) {
      throw new InvalidInputException("TLS trust store '" + trust + "' holds no certificate");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pekko.remote.artery.transport", "tls-tcp");
    m.put(
        "pekko.remote.artery.ssl.ssl-engine-provider",
        "org.apache.pekko.remote.artery.tcp.ConfigSSLEngineProvider");
    m.put(ENGINE + "key-store", key.toString());
    m.put(ENGINE + "trust-store", trust.toString());
    m.put(ENGINE + "key-store-password", password);
    m.put(ENGINE + "key-password", password);
    m.put(ENGINE + "trust-store-password", password);
    m.put(ENGINE + "protocol", "TLSv1.3");
    m.put(
        ENGINE + "enabled-algorithms", List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"));
    m.put(ENGINE + "require-mutual-authentication", true);
    // Our choice: members are authenticated by holding a certificate the trust store accepts,
    // not by host name (nodes are often addressed by IP), so host names are not checked.
    m.put(ENGINE + "hostname-verification", false);
    return ConfigFactory.parseMap(m, "fednpg TLS folder " + dir);
  }

  private static String readPassword(Path dir) {
    Path file = dir.resolve(PASSWORD_FILE);
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(
          "TLS password: set $"
              + PASSWORD_ENV
              + " or put it on the"
              + " first line of '"
              + file
              + "' (missing)");
    }
    try {
      if (Files.size(file) > 4096) {
        throw new InvalidInputException("TLS password file '" + file + "' is larger than 4 KiB");
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      String p = lines.isEmpty() ? "" : lines.get(0).strip();
      if (p.isEmpty()) {
        throw new InvalidInputException("TLS password file '" + file + "' has an empty first line");
      }
      return p;
    } catch (IOException e) {
      throw new InvalidInputException("TLS password file '" + file + "' cannot be read: " + e);
    }
  }

  private static KeyStore open(Path file, String password) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException("TLS store '" + file + "' is missing");
    }
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password.toCharArray());
      return ks;
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidInputException(
          "TLS store '"
              + file
              + "' cannot be opened as PKCS12 with"
              + " the given password: "
              + e.getMessage());
    }
  }

  private static boolean hasKey(KeyStore ks) {
    try {
      for (String alias : Collections.list(ks.aliases())) {
        if (ks.isKeyEntry(alias)) {
          return true;
        }
      }
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("loaded key store cannot be listed", e);
    }
  }

  private static int count(KeyStore ks) {
    try {
      return ks.size();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("loaded key store cannot be listed", e);
    }
  }
}
