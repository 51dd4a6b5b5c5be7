package org.fednpg.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the TLS folders of the README with the JDK's {@code keytool}: a cluster CA, and member
 * folders ({@code node.p12} signed by that CA, {@code trust.p12} holding the CA, {@code password}).
 */
final class TlsFixtures {

  static final String PASSWORD = "test-only-password";

  private static Path shared;

  private TlsFixtures() {}

  /**
   * Made once per test JVM (keytool is slow to start): {@code member/} (signed by the cluster CA,
   * as the README makes them) and {@code rogue/} (a self-signed key that trusts only itself).
   */
  static synchronized Path shared() throws IOException, InterruptedException {
    if (shared == null) {
      Path root = Files.createTempDirectory("fednpg-tls");
      Path ca = ca(root.resolve("ca"), "fednpg-test-ca");
      member(ca, root.resolve("member"), "member");
      selfSigned(root.resolve("rogue"), "rogue");
      shared = root;
    }
    return shared;
  }

  /** A folder whose key is self-signed and whose trust store holds only that certificate. */
  static Path selfSigned(Path dir, String name) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    keytool(
        dir,
        "-genkeypair",
        "-alias",
        "node",
        "-dname",
        "CN=" + name,
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-keystore",
        "node.p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    keytool(
        dir,
        "-exportcert",
        "-alias",
        "node",
        "-keystore",
        "node.p12",
        "-storepass",
        PASSWORD,
        "-rfc",
        "-file",
        "node.pem");
    keytool(
        dir,
        "-importcert",
        "-noprompt",
        "-alias",
        "node",
        "-file",
        "node.pem",
        "-keystore",
        "trust.p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    Files.writeString(dir.resolve("password"), PASSWORD + "\n", StandardCharsets.UTF_8);
    return dir;
  }

  /** A new CA in {@code dir} ({@code ca.p12}, {@code ca.pem}). */
  static Path ca(Path dir, String name) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    keytool(
        dir,
        "-genkeypair",
        "-alias",
        "ca",
        "-dname",
        "CN=" + name,
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-ext",
        "bc:c",
        "-validity",
        "2",
        "-keystore",
        "ca.p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    keytool(
        dir,
        "-exportcert",
        "-alias",
        "ca",
        "-keystore",
        "ca.p12",
        "-storepass",
        PASSWORD,
        "-rfc",
        "-file",
        "ca.pem");
    return dir;
  }

  /** A member folder in {@code dir} whose key is signed by {@code ca} and which trusts it. */
  static Path member(Path ca, Path dir, String name) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    String caPem = ca.resolve("ca.pem").toString();
    keytool(
        dir,
        "-genkeypair",
        "-alias",
        "node",
        "-dname",
        "CN=" + name,
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "2",
        "-keystore",
        "node.p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    keytool(
        dir,
        "-certreq",
        "-alias",
        "node",
        "-keystore",
        "node.p12",
        "-storepass",
        PASSWORD,
        "-file",
        "node.csr");
    keytool(
        dir,
        "-gencert",
        "-alias",
        "ca",
        "-keystore",
        ca.resolve("ca.p12").toString(),
        "-storepass",
        PASSWORD,
        "-infile",
        "node.csr",
        "-outfile",
        "node.pem",
        "-rfc",
        "-ext",
        "ku:c=digitalSignature,keyEncipherment",
        "-ext",
        "eku=serverAuth,clientAuth",
        "-validity",
        "2");
    keytool(
        dir,
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-file",
        caPem,
        "-keystore",
        "node.p12",
        "-storepass",
        PASSWORD);
    keytool(
        dir,
        "-importcert",
        "-alias",
        "node",
        "-file",
        "node.pem",
        "-keystore",
        "node.p12",
        "-storepass",
        PASSWORD);
    keytool(
        dir,
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-file",
        caPem,
        "-keystore",
        "trust.p12",
        "-storetype",
        "PKCS12",
        "-storepass",
        PASSWORD);
    Files.writeString(dir.resolve("password"), PASSWORD + "\n", StandardCharsets.UTF_8);
    return dir;
  }

  private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
    }
  }
}
