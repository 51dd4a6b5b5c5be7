package org.fednpg.experiments.results;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.fednpg.core.plugin.PluginJar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a result came from: fednpg's version (filtered into a resource at build time), the git
 * commit (system property {@code fednpg.git}, set by the launcher, else {@code git rev-parse} in
 * the working folder, else "unknown") and the Java runtime.
 */
public final class Provenance {

  private static final Logger LOG = LoggerFactory.getLogger(Provenance.class);
  private static volatile String git;

  private Provenance() {}

  public static String version() {
    Properties p = new Properties();
    try (InputStream in = Provenance.class.getResourceAsStream("/fednpg.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      LOG.warn("cannot read fednpg.properties: {}", e.getMessage());
    }
    return p.getProperty("version", "unknown");
  }

  /**
   * The manifest's {@code plugins} list: per plugin jar its file name, {@code
   * Implementation-Version} (null when the jar has none) and SHA-256, in load order.
   */
  public static List<Map<String, Object>> plugins(List<PluginJar> jars) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (PluginJar jar : jars) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("file", jar.fileName());
      entry.put("version", jar.version());
      entry.put("sha256", jar.sha256());
      list.add(entry);
    }
    return list;
  }

  public static String java() {
    return System.getProperty("java.vendor") + " " + System.getProperty("java.version");
  }

  public static String git() {
    String g = git;
    if (g == null) {
      g = System.getProperty("fednpg.git");
      if (g == null || g.isBlank()) {
        g = askGit();
      }
      git = g;
    }
    return g;
  }

  private static String askGit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      }
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{40}")) {
        return out;
      }
      return "unknown";
    } catch (IOException e) {
      LOG.debug("git not available: {}", e.getMessage());
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
