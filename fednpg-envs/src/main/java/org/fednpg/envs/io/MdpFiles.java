package org.fednpg.envs.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fednpg.api.FedNpgException;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.io.InputFiles;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the {@code fednpg-mdp/1} JSON format of SPEC §7, the way users bring their own
 * MDPs:
 *
 * <pre>{@code
 * { "format": "fednpg-mdp/1", "name": "example", "states": 3, "actions": 2, "gamma": 0.9,
 *   "initial": [1.0, 0.0, 0.0],
 *   "transitions": [[0, 0, 1, 0.9], [0, 0, 0, 0.1], ...],
 *   "rewards": [ [[r(0,0), r(0,1)], ...one row per state], ...one table per agent ] }
 * }</pre>
 *
 * <p>Required keys: {@code format}, {@code states}, {@code actions}, {@code gamma},
 * {@code transitions}, {@code rewards}. Optional: {@code initial} (uniform when absent) and
 * {@code name} (the file name without extension when absent). Unknown keys are errors. Duplicate
 * transitions add up; each (s, a) must sum to 1 within {@link TransitionKernel#ROW_SUM_TOLERANCE}.
 * Every error is an {@link InvalidInputException} whose one-line message starts with the file name
 * and names the offending entry.
 *
 * <p>Writing prints doubles with {@link Double#toString(double)}, which parses back to the same
 * bits, so a written MDP reads back {@code equals} to the original; files are written to a
 * temporary sibling and renamed into place.
 */
public final class MdpFiles {

  private static final Logger LOG = LoggerFactory.getLogger(MdpFiles.class);

  /** The format tag this class reads and writes. */
  public static final String FORMAT = "fednpg-mdp/1";

  private static final Set<String> REQUIRED =
      Set.of("format", "states", "actions", "gamma", "transitions", "rewards");
  private static final List<String> KNOWN =
      List.of("format", "name", "states", "actions", "gamma", "initial", "transitions", "rewards");

  private MdpFiles() {}

  /**
   * Reads an MDP file.
   *
   * @throws InvalidInputException naming the file and the offending entry
   */
  public static MultiTaskMdp read(Path file) {
    String where = String.valueOf(file.getFileName());
    String text;
    try {
      text = InputFiles.readString(file, "MDP file");
    } catch (InvalidInputException e) {
      throw e.in(where);
    }
    String stem = where.endsWith(".json") ? where.substring(0, where.length() - 5) : where;
    MultiTaskMdp mdp = parse(text, where, stem);
    LOG.debug("read {} from {}", mdp, file);
    return mdp;
  }

  /**
   * Parses the text of an MDP file.
   *
   * @param text the JSON text
   * @param where how messages name the source (a file name)
   * @param defaultName the MDP's name when the text gives none
   */
  public static MultiTaskMdp parse(String text, String where, String defaultName) {
    Object root;
    try {
      root = Json.parse(text);
    } catch (Json.SyntaxError e) {
      throw new InvalidInputException(where + ": " + e.getMessage(), e);
    }
    try {
      return decode(root, defaultName);
    } catch (InvalidInputException e) {
      throw e.in(where);
    }
  }

  private static MultiTaskMdp decode(Object root, String defaultName) {
    if (!(root instanceof Map<?, ?> map)) {
      throw new InvalidInputException("top level must be a JSON object");
    }
    for (Object key : map.keySet()) {
      if (!KNOWN.contains(key)) {
        throw new InvalidInputException(
            "unknown key \"" + key + "\"; accepted: " + String.join(", ", KNOWN));
      }
    }
    for (String key : KNOWN) {
      if (REQUIRED.contains(key) && !map.containsKey(key)) {
        throw new InvalidInputException("missing required key \"" + key + "\"");
      }
    }
    Object format = map.get("format");
    if (!FORMAT.equals(format)) {
      throw new InvalidInputException(
          "format: unknown format tag " + show(format) + ", expected \"" + FORMAT + "\"");
    }
    String name = defaultName;
    if (map.containsKey("name")) {
      if (!(map.get("name") instanceof String s)) {
        throw new InvalidInputException("name: expected a string, got " + show(map.get("name")));
      }
      name = s;
    }
    int states = positiveInt(map.get("states"), "states");
    int actions = positiveInt(map.get("actions"), "actions");
    if ((long) states * actions > Integer.MAX_VALUE - 1) {
      throw new InvalidInputException("states*actions too large: " + states + "*" + actions);
    }
    double gamma = number(map.get("gamma"), "gamma");
    if (!(gamma >= 0 && gamma < 1)) {
      throw new InvalidInputException("gamma: must be in [0, 1), got " + gamma);
    }
    double[] initial = null;
    if (map.containsKey("initial")) {
      List<?> list = array(map.get("initial"), "initial");
      if (list.size() != states) {
        throw new InvalidInputException(
            "initial: has " + list.size() + " entries, expected " + states + " (one per state)");
      }
      initial = new double[states];
      for (int s = 0; s < states; s++) {
        String at = "initial[" + s + "]";
        initial[s] = number(list.get(s), at);
        if (!Double.isFinite(initial[s]) || initial[s] < 0) {
          throw new InvalidInputException(
              at + ": probability must be finite and >= 0, got " + show(list.get(s)));
        }
      }
    }
    TransitionKernel kernel = transitions(array(map.get("transitions"), "transitions"), states,
        actions);
    List<RewardTable> rewards = rewards(array(map.get("rewards"), "rewards"), states, actions);
    return MultiTaskMdp.of(name, kernel, gamma, initial, rewards);
  }

  private static TransitionKernel transitions(List<?> rows, int states, int actions) {
    if (rows.size() < (long) states * actions) {
      // Checked before allocating per-row storage, so a bogus "states" cannot exhaust memory.
      throw new InvalidInputException("transitions: " + rows.size() + " entries cannot cover the "
          + states + "*" + actions + " (state, action) rows; each row needs entries summing to 1");
    }
    TransitionKernel.Builder builder = TransitionKernel.builder(states, actions);
    for (int i = 0; i < rows.size(); i++) {
      String at = "transitions[" + i + "]";
      List<?> row = array(rows.get(i), at);
      if (row.size() != 4) {
        throw new InvalidInputException(
            at + ": expected [s, a, s', p] (4 entries), got " + row.size() + " entries");
      }
      int s = index(row.get(0), at + " state", states);
      int a = index(row.get(1), at + " action", actions);
      int next = index(row.get(2), at + " next state", states);
      double p = number(row.get(3), at + " probability");
      if (!Double.isFinite(p) || p < 0) {
        throw new InvalidInputException(
            at + ": probability must be finite and >= 0, got " + show(row.get(3)));
      }
      builder.add(s, a, next, p);
    }
    return builder.build();
  }

  private static List<RewardTable> rewards(List<?> tables, int states, int actions) {
    if (tables.isEmpty()) {
      throw new InvalidInputException("rewards: at least one reward table (one per agent) needed");
    }
    List<RewardTable> result = new ArrayList<>(tables.size());
    for (int n = 0; n < tables.size(); n++) {
      String at = "rewards[" + n + "]";
      List<?> table = array(tables.get(n), at);
      if (table.size() != states) {
        throw new InvalidInputException(
            at + ": has " + table.size() + " rows, expected " + states + " (one per state)");
      }
      double[] flat = new double[states * actions];
      for (int s = 0; s < states; s++) {
        String rowAt = at + "[" + s + "]";
        List<?> row = array(table.get(s), rowAt);
        if (row.size() != actions) {
          throw new InvalidInputException(
              rowAt + ": has " + row.size() + " entries, expected " + actions + " (one per action)");
        }
        for (int a = 0; a < actions; a++) {
          String cell = rowAt + "[" + a + "]";
          double r = number(row.get(a), cell);
          if (!Double.isFinite(r)) {
            throw new InvalidInputException(cell + ": reward must be finite, got " + show(row.get(a)));
          }
          flat[s * actions + a] = r;
        }
      }
      result.add(RewardTable.of(states, actions, flat));
    }
    return result;
  }

  private static List<?> array(Object v, String at) {
    if (v instanceof List<?> list) {
      return list;
    }
    throw new InvalidInputException(at + ": expected a JSON array, got " + show(v));
  }

  private static double number(Object v, String at) {
    if (v instanceof Json.Num n) {
      return n.value();
    }
    throw new InvalidInputException(at + ": expected a number, got " + show(v));
  }

  private static int positiveInt(Object v, String at) {
    if (v instanceof Json.Num n && n.isIntegral() && n.value() >= 1
        && n.value() <= Integer.MAX_VALUE) {
      return (int) n.value();
    }
    throw new InvalidInputException(at + ": expected a whole number >= 1, got " + show(v));
  }

  private static int index(Object v, String at, int size) {
    if (v instanceof Json.Num n && n.isIntegral()) {
      double d = n.value();
      if (d >= 0 && d < size) {
        return (int) d;
      }
      throw new InvalidInputException(
          at + ": index " + n.text() + " out of range [0, " + (size - 1) + "]");
    }
    throw new InvalidInputException(at + ": expected a whole-number index, got " + show(v));
  }

  private static String show(Object v) {
    if (v == null) {
      return "nothing";
    }
    if (v instanceof String s) {
      return Json.quote(s);
    }
    if (v instanceof List<?>) {
      return "an array";
    }
    if (v instanceof Map<?, ?>) {
      return "an object";
    }
    return v.toString();
  }

  /** The JSON text of an MDP in {@code fednpg-mdp/1} (one transition per line). */
  public static String toJson(MultiTaskMdp mdp) {
    StringBuilder b = new StringBuilder(64 + 24 * mdp.kernel().nonZeros()
        + 8 * mdp.agents() * mdp.states() * mdp.actions());
    b.append("{\n");
    b.append("  \"format\": ").append(Json.quote(FORMAT)).append(",\n");
    b.append("  \"name\": ").append(Json.quote(mdp.name())).append(",\n");
    b.append("  \"states\": ").append(mdp.states()).append(",\n");
    b.append("  \"actions\": ").append(mdp.actions()).append(",\n");
    b.append("  \"gamma\": ").append(Double.toString(mdp.gamma())).append(",\n");
    b.append("  \"initial\": [");
    for (int s = 0; s < mdp.states(); s++) {
      b.append(s == 0 ? "" : ", ").append(Double.toString(mdp.initial(s)));
    }
    b.append("],\n  \"transitions\": [");
    TransitionKernel k = mdp.kernel();
    boolean first = true;
    for (int s = 0; s < k.states(); s++) {
      for (int a = 0; a < k.actions(); a++) {
        for (int e = k.rowStart(s, a); e < k.rowEnd(s, a); e++) {
          b.append(first ? "\n    [" : ",\n    [").append(s).append(", ").append(a).append(", ")
              .append(k.next(e)).append(", ").append(Double.toString(k.probability(e))).append(']');
          first = false;
        }
      }
    }
    b.append("\n  ],\n  \"rewards\": [");
    for (int n = 0; n < mdp.agents(); n++) {
      RewardTable r = mdp.reward(n);
      b.append(n == 0 ? "\n    [" : ",\n    [");
      for (int s = 0; s < r.states(); s++) {
        b.append(s == 0 ? "\n      [" : ",\n      [");
        for (int a = 0; a < r.actions(); a++) {
          b.append(a == 0 ? "" : ", ").append(Double.toString(r.get(s, a)));
        }
        b.append(']');
      }
      b.append("\n    ]");
    }
    b.append("\n  ]\n}\n");
    return b.toString();
  }

  /**
   * Writes an MDP atomically: to a temporary file in the target's folder, then renamed over
   * {@code file}.
   *
   * @throws FedNpgException if the file cannot be written
   */
  public static void write(MultiTaskMdp mdp, Path file) {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      // not Files.createTempFile: that creates mode 0600; a plain new file gets the umask's
      // normal permissions (0644 typically), like any other exported file
      tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
          + System.nanoTime() + ".tmp");
      Files.writeString(tmp, toJson(mdp), StandardCharsets.UTF_8);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        LOG.debug("atomic move unsupported in {}, replacing {} non-atomically", dir, target);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      LOG.debug("wrote {} to {}", mdp, target);
    } catch (IOException e) {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw new FedNpgException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
