package org.fednpg.cluster.internal;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.fednpg.api.model.MixingMatrix;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;
import org.fednpg.api.run.AgentProcess;
import org.fednpg.api.run.Algorithm;
import org.fednpg.core.plugin.PluginJar;
import org.fednpg.core.run.AssembledRun;

/**
 * What a node built from a run's spec, in named parts: the model (SHA-256 of kernel, γ, ρ and N),
 * W^(0) (SHA-256), the algorithm (kind, agents, exchanges, τ and its {@code manifestInfo}), the
 * environment's {@code manifestInfo}, every component's resolved parameters, the plugin jars the
 * run's classes came from (file name and SHA-256), and a per-agent digest of every reward the
 * builder held ({@code rewards}: the submitter holds all, a node its own agents'; two fingerprints
 * are compared on the agents both hold). Every node rebuilds the run from the spec, so a node that
 * sees other files at the spec's paths, other plugins or another build would silently compute a
 * different run; comparing fingerprints turns that into a clear failure that names the part and
 * shows both values.
 *
 * <p>Maps are written canonically: keys sorted, numbers exactly ({@link BigDecimal} of the double,
 * so 0.1 and 0.1000000000000000055 differ and 1 and 1.0 do not), so a plugin's {@code Map.of(...)}
 * (whose iteration order changes from JVM to JVM) gives the same text everywhere. Values must
 * themselves be deterministic: numbers, strings, booleans, lists, arrays, maps, or objects whose
 * {@code toString} is.
 */
public final class RunFingerprint {

  /** The parts, in the order the fingerprint lists them. */
  static final List<String> PARTS =
      List.of("model", "mixing", "algorithm", "environment", "parameters", "plugins");

  /** The per-agent part: {@code n:digest} of every reward the builder held. */
  static final String REWARDS = "rewards";

  private RunFingerprint() {}

  /** The fingerprint of an assembled run: one {@code part=value} line per part. */
  public static String of(AssembledRun run) {
    Map<String, String> parts = new LinkedHashMap<>();
    parts.put("model", model(run.mdp()));
    parts.put("mixing", run.topology() == null ? "none" : mixing(run.topology().mixing(0)));
    Algorithm a = run.algorithm();
    parts.put(
        "algorithm",
        a.getClass().getName()
            + " agents="
            + a.agents().size()
            + " exchanges="
            + a.exchangesPerIteration()
            + " tau="
            + number(a.tau())
            + " info="
            + canonical(a.manifestInfo()));
    parts.put("environment", canonical(run.environment().manifestInfo()));
    Map<String, Object> resolved = new LinkedHashMap<>();
    run.resolved().forEach((family, p) -> resolved.put(family, p.asMap()));
    parts.put("parameters", canonical(resolved));
    parts.put("plugins", plugins(run));
    parts.put(REWARDS, rewards(run.mdp()));
    StringBuilder b = new StringBuilder();
    parts.forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
    return b.toString();
  }

  /**
   * Why two fingerprints differ, naming every differing part with this node's and the submitter's
   * value; empty when they are equal.
   */
  public static Optional<String> difference(String here, String submitter) {
    Map<String, String> mine = parse(here);
    Map<String, String> theirs = parse(submitter);
    List<String> diffs = new ArrayList<>();
    for (String part : PARTS) {
      String x = mine.get(part);
      String y = theirs.get(part);
      if (x == null ? y != null : !x.equals(y)) {
        diffs.add(part + " differs: here " + x + ", submitter " + y);
      }
    }
    Map<Integer, String> mine2 = digests(mine.get(REWARDS));
    Map<Integer, String> theirs2 = digests(theirs.get(REWARDS));
    for (Map.Entry<Integer, String> e : mine2.entrySet()) {
      String y = theirs2.get(e.getKey());
      if (y != null && !y.equals(e.getValue())) {
        diffs.add(
            "reward of agent "
                + e.getKey()
                + " differs: here "
                + e.getValue()
                + ", submitter "
                + y);
      }
    }
    return diffs.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", diffs));
  }

  private static Map<Integer, String> digests(String part) {
    Map<Integer, String> m = new TreeMap<>();
    if (part == null || part.isEmpty()) {
      return m;
    }
    for (String entry : part.split(",")) {
      int colon = entry.indexOf(':');
      m.put(Integer.parseInt(entry.substring(0, colon)), entry.substring(colon + 1));
    }
    return m;
  }

  private static Map<String, String> parse(String fingerprint) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : fingerprint.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        m.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return m;
  }

  /**
   * A value as canonical text: maps with keys sorted by their text, numbers exact, strings quoted,
   * lists and arrays in order, anything else by {@code toString}.
   */
  public static String canonical(Object value) {
    StringBuilder b = new StringBuilder();
    write(value, b);
    return b.toString();
  }

  private static void write(Object v, StringBuilder b) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof Map<?, ?> m) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      m.forEach((k, x) -> sorted.put(canonical(k), x));
      b.append('{');
      boolean first = true;
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        b.append(first ? "" : ",").append(e.getKey()).append(':');
        write(e.getValue(), b);
        first = false;
      }
      b.append('}');
    } else if (v instanceof Collection<?> c) {
      b.append('[');
      boolean first = true;
      for (Object x : c) {
        b.append(first ? "" : ",");
        write(x, b);
        first = false;
      }
      b.append(']');
    } else if (v instanceof double[] d) {
      b.append('[');
      for (int i = 0; i < d.length; i++) {
        b.append(i == 0 ? "" : ",").append(number(d[i]));
      }
      b.append(']');
    } else if (v instanceof long[] l) {
      b.append(Arrays.toString(l).replace(" ", ""));
    } else if (v instanceof int[] l) {
      b.append(Arrays.toString(l).replace(" ", ""));
    } else if (v instanceof Object[] arr) {
      write(List.of(arr), b);
    } else if (v instanceof Double || v instanceof Float) {
      b.append(number(((Number) v).doubleValue()));
    } else if (v instanceof Number n) {
      b.append(new BigDecimal(n.toString()).stripTrailingZeros().toPlainString());
    } else if (v instanceof String s) {
      b.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    } else {
      b.append(v);
    }
  }

  /** A double exactly: its full binary value in decimal; NaN and infinities by name. */
  static String number(double d) {
    if (!Double.isFinite(d)) {
      return Double.toString(d);
    }
    if (d == 0) {
      return 1 / d < 0 ? "-0" : "0";
    }
    return new BigDecimal(d).stripTrailingZeros().toPlainString();
  }

  private static String model(MultiTaskMdp mdp) {
    MessageDigest md = sha256();
    TransitionKernel k = mdp.kernel();
    ByteBuffer b = ByteBuffer.allocate(8);
    for (int v : k.rowPointerCopy()) {
      md.update(b.clear().putLong(v).array());
    }
    for (int v : k.nextStatesCopy()) {
      md.update(b.clear().putLong(v).array());
    }
    for (double v : k.probabilitiesCopy()) {
      md.update(b.clear().putDouble(v).array());
    }
    md.update(b.clear().putDouble(mdp.gamma()).array());
    for (double v : mdp.initialCopy()) {
      md.update(b.clear().putDouble(v).array());
    }
    md.update(b.clear().putLong(mdp.agents()).array());
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }

  /**
   * {@code n:digest} of each reward held (first 16 bytes of the SHA-256 of the table's doubles, our
   * choice: a digest, never the reward itself, travels to the nodes).
   */
  private static String rewards(MultiTaskMdp mdp) {
    StringBuilder out = new StringBuilder();
    ByteBuffer b = ByteBuffer.allocate(8);
    for (int n = 0; n < mdp.agents(); n++) {
      if (!mdp.holdsReward(n)) {
        continue;
      }
      MessageDigest md = sha256();
      RewardTable r = mdp.reward(n);
      for (int i = 0; i < r.states() * r.actions(); i++) {
        md.update(b.clear().putDouble(r.get(i)).array());
      }
      out.append(out.length() == 0 ? "" : ",")
          .append(n)
          .append(':')
          .append(HexFormat.of().formatHex(md.digest(), 0, 16));
    }
    return out.toString();
  }

  private static String mixing(MixingMatrix w) {
    MessageDigest md = sha256();
    ByteBuffer b = ByteBuffer.allocate(8);
    for (double[] row : w.toArray()) {
      for (double v : row) {
        md.update(b.clear().putDouble(v).array());
      }
    }
    return "sha256:" + HexFormat.of().formatHex(md.digest());
  }

  /**
   * The jars of the run's classes that fednpg's own class loader did not load (the plugin path's),
   * as sorted {@code file sha256:…} entries.
   */
  private static String plugins(AssembledRun run) {
    List<Class<?>> classes = new ArrayList<>();
    classes.add(run.environment().getClass());
    if (run.topology() != null) {
      classes.add(run.topology().getClass());
    }
    if (run.evaluator() != null) {
      classes.add(run.evaluator().getClass());
    }
    classes.add(run.algorithm().getClass());
    for (AgentProcess agent : run.algorithm().agents()) {
      if (!agent.isElsewhere()) {
        classes.add(agent.getClass());
      }
    }
    ClassLoader own = RunFingerprint.class.getClassLoader();
    TreeSet<String> jars = new TreeSet<>();
    for (Class<?> c : classes) {
      if (c.getClassLoader() != own) {
        PluginJar.sourceOf(c)
            .ifPresent(
                p ->
                    jars.add(
                        p.getFileName()
                            + " sha256:"
                            + (Files.isRegularFile(p) ? PluginJar.sha256(p) : "(folder)")));
      }
    }
    return jars.toString();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
