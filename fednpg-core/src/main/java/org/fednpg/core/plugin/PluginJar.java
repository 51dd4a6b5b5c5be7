package org.fednpg.core.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.fednpg.api.InvalidInputException;

/**
 * One plugin jar loaded from the plugin path, as the run manifest and the cluster fingerprint
 * record it.
 *
 * @param path where it was loaded from
 * @param fileName its file name
 * @param version its {@code Implementation-Version} manifest attribute, or null
 * @param sha256 SHA-256 of its bytes, as hex
 */
public record PluginJar(Path path, String fileName, String version, String sha256) {

  /** Reads a jar's name, version and digest; a file that is not a readable jar is refused. */
  public static PluginJar of(Path jar) {
    String version;
    try (JarFile file = new JarFile(jar.toFile())) {
      Manifest m = file.getManifest();
      version = m == null ? null : m.getMainAttributes().getValue("Implementation-Version");
    } catch (IOException e) {
      throw new InvalidInputException(
          "plugin " + jar + ": not a readable jar (" + e.getMessage() + ")");
    }
    return new PluginJar(jar, jar.getFileName().toString(), version, sha256(jar));
  }

  /** SHA-256 of a file's bytes, as hex. */
  public static String sha256(Path file) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** The jar or folder a class was loaded from, when known. */
  public static Optional<Path> sourceOf(Class<?> type) {
    CodeSource cs = type.getProtectionDomain().getCodeSource();
    if (cs == null || cs.getLocation() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(cs.getLocation().toURI()).toAbsolutePath().normalize());
    } catch (URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** {@code name version sha256} on one line, as {@code fednpg list} and messages show it. */
  public String summary() {
    return fileName + (version == null ? "" : " " + version) + " sha256:" + sha256;
  }
}
