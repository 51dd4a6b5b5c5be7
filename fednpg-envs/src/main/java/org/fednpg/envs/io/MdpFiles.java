package org.fednpg.envs.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fednpg.api.FedNpgException;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.io.AtomicFiles;
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
 * <p>Required keys: {@code format}, {@code states}, {@code actions}, {@code gamma}, {@code
 * transitions}, {@code rewards}. Optional: {@code initial} (uniform when absent) and {@code name}
 * (the file name without extension when absent). Unknown keys are errors. Duplicate transitions add
 * up; each (s, a) must sum to 1 within {@link TransitionKernel#ROW_SUM_TOLERANCE}. Every error is
 * an {@link InvalidInputException} whose one-line message starts with the file name and names the
 * offending entry.
 *
 * <p>Reading and writing use Jackson's streaming parser and generator (jackson-core only). Writing
 * prints doubles with {@link Double#toString(double)}, which parses back to the same bits, so a
 * written MDP reads back {@code equals} to the original; files are written with {@link
 * AtomicFiles}.
 */
public final class MdpFiles {

  private static final Logger LOG = LoggerFactory.getLogger(MdpFiles.class);

  /** The format tag this class reads and writes. */
  public static final String FORMAT = "fednpg-mdp/1";

  private static final Set<String> REQUIRED =
      Set.of("format", "states", "actions", "gamma", "transitions", "rewards");
  private static final List<String> KNOWN =
      List.of("format", "name", "states", "actions", "gamma", "initial", "transitions", "rewards");

  /** Deepest nesting accepted (our choice; a valid file nests 4 deep). */
  private static final int MAX_DEPTH = 64;

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
          .build();

  /** The JSON {@code null} literal (a map cannot hold Java null). */
  private static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  /** A JSON number: its source text, its value, and whether it has no fraction or exponent. */
  private record Num(String text, double value, boolean isIntegral) {
    @Override
    public String toString() {
      return text;
    }
  }

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
      root = readJson(text);
    } catch (InvalidInputException e) {
      throw e.in(where);
    }
    try {
      return decode(root, defaultName);
    } catch (InvalidInputException e) {
      throw e.in(where);
    }
  }

  /**
   * Reads one JSON value filling the whole text with Jackson's streaming parser (strict RFC 8259:
   * no NaN, comments or trailing commas). Objects become {@link LinkedHashMap}s, arrays {@link
   * List}s, numbers {@link Num}s, {@code null} {@link #NULL}; a duplicate key is an error (checked
   * here while building the map, the equivalent of Jackson's {@code STRICT_DUPLICATE_DETECTION}
   * with our message). Errors read "malformed JSON at line L, column C: ...".
   */
  private static Object readJson(String text) {
    // a leading byte-order mark is skipped; columns on line 1 count from after it
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    try (JsonParser p = JSON.createParser(body)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw malformed(p.currentLocation(), "unexpected end of input");
      }
      Object root = value(p, first);
      JsonToken after;
      try {
        after = p.nextToken();
      } catch (StreamReadException e) {
        throw malformed(e.getLocation(), "unexpected text after the top-level value");
      }
      if (after != null) {
        throw malformed(
            p.currentTokenLocation(),
            "unexpected " + after.asString() + " after the top-level value");
      }
      return root;
    } catch (StreamReadException e) {
      throw malformed(e.getLocation(), e.getOriginalMessage());
    } catch (IOException e) {
      // a String source does no I/O; kept as an unchecked error rather than swallowed
      throw new UncheckedIOException(e);
    }
  }

  private static Object value(JsonParser p, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT:
        {
          Map<String, Object> map = new LinkedHashMap<>();
          for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String key = p.currentName();
            JsonLocation keyAt = p.currentTokenLocation();
            Object v = value(p, p.nextToken());
            if (map.put(key, v) != null) {
              throw malformed(keyAt, "duplicate key " + quote(key));
            }
          }
          return map;
        }
      case START_ARRAY:
        {
          List<Object> list = new ArrayList<>();
          for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            list.add(value(p, t));
          }
          return Collections.unmodifiableList(list);
        }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return new Num(p.getText(), Double.parseDouble(p.getText()), true);
      case VALUE_NUMBER_FLOAT:
        return new Num(p.getText(), Double.parseDouble(p.getText()), false);
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return NULL;
      default:
        throw malformed(p.currentTokenLocation(), "unexpected " + token.asString());
    }
  }

  private static InvalidInputException malformed(JsonLocation at, String message) {
    String oneLine = String.valueOf(message).replaceAll("\\s*\\R\\s*", " ").strip();
    return new InvalidInputException(
        "malformed JSON at line "
            + at.getLineNr()
            + ", column "
            + at.getColumnNr()
            + ": "
            + oneLine);
  }

  private static String quote(String s) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeString(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * Reads the kernel of a node-local MDP (issue 19): a {@code fednpg-mdp/1} file whose {@code
   * rewards} key may be omitted (our choice: when present it is not read, so a combined file can
   * serve as the kernel). The result is a {@link MultiTaskMdp#partial partial} model of {@code
   * agents} agents holding no reward.
   *
   * @throws InvalidInputException naming the file and the offending entry
   */
  public static MultiTaskMdp readKernel(Path file, int agents) {
    String where = String.valueOf(file.getFileName());
    String stem = where.endsWith(".json") ? where.substring(0, where.length() - 5) : where;
    try {
      Object root = readJson(InputFiles.readString(file, "MDP kernel file"));
      MultiTaskMdp shape = decode(root, stem, true);
      return MultiTaskMdp.partial(
          shape.name(), shape.kernel(), shape.gamma(), shape.initialCopy(), agents, Map.of());
    } catch (InvalidInputException e) {
      throw e.in(where);
    }
  }

  /**
   * Reads one agent's reward file (issue 19): a fragment of {@code fednpg-mdp/1} with the keys
   * {@code format}, {@code states}, {@code actions}, {@code rewards} (exactly one S×A table) and
   * optionally {@code name}; states and actions must equal the kernel's.
   *
   * @throws InvalidInputException naming the file and the offending entry
   */
  public static RewardTable readReward(Path file, int states, int actions) {
    String where = String.valueOf(file.getFileName());
    try {
      Object root = readJson(InputFiles.readString(file, "reward file"));
      if (!(root instanceof Map<?, ?> map)) {
        throw new InvalidInputException("top level must be a JSON object");
      }
      List<String> known = List.of("format", "name", "states", "actions", "rewards");
      for (Object key : map.keySet()) {
        if (!known.contains(key)) {
          throw new InvalidInputException(
              "unknown key \""
                  + key
                  + "\" in a reward file; accepted: "
                  + String.join(", ", known));
        }
      }
      for (String key : List.of("format", "states", "actions", "rewards")) {
        if (!map.containsKey(key)) {
          throw new InvalidInputException("missing required key \"" + key + "\"");
        }
      }
      if (!FORMAT.equals(map.get("format"))) {
        throw new InvalidInputException(
            "format: unknown format tag "
                + show(map.get("format"))
                + ", expected \""
                + FORMAT
                + "\"");
      }
      int s = positiveInt(map.get("states"), "states");
      int a = positiveInt(map.get("actions"), "actions");
      if (s != states || a != actions) {
        throw new InvalidInputException(
            "states x actions is "
                + s
                + "x"
                + a
                + ", but the kernel's is "
                + states
                + "x"
                + actions);
      }
      List<?> tables = array(map.get("rewards"), "rewards");
      if (tables.size() != 1) {
        throw new InvalidInputException(
            "rewards: a reward file holds exactly one table (its agent's), got " + tables.size());
      }
      return rewards(tables, states, actions).get(0);
    } catch (InvalidInputException e) {
      throw e.in(where);
    }
  }

  /** The JSON text of one agent's reward file (see {@link #readReward}). */
  public static String rewardJson(RewardTable reward) {
    StringBuilder b = new StringBuilder();
    b.append("{\"format\": \"")
        .append(FORMAT)
        .append("\", \"states\": ")
        .append(reward.states())
        .append(", \"actions\": ")
        .append(reward.actions())
        .append(",\n \"rewards\": [[");
    for (int st = 0; st < reward.states(); st++) {
      b.append(st == 0 ? "" : ",\n  ").append('[');
      for (int ac = 0; ac < reward.actions(); ac++) {
        b.append(ac == 0 ? "" : ", ").append(reward.get(st, ac));
      }
      b.append(']');
    }
    return b.append("]]}\n").toString();
  }

  private static MultiTaskMdp decode(Object root, String defaultName) {
    return decode(root, defaultName, false);
  }

  private static MultiTaskMdp decode(Object root, String defaultName, boolean kernelOnly) {
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
      if (kernelOnly && key.equals("rewards")) {
        continue;
      }
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
    TransitionKernel kernel =
        transitions(array(map.get("transitions"), "transitions"), states, actions);
    if (kernelOnly) {
      return MultiTaskMdp.partial(name, kernel, gamma, initial, 1, Map.of());
    }
    List<RewardTable> rewards = rewards(array(map.get("rewards"), "rewards"), states, actions);
    return MultiTaskMdp.of(name, kernel, gamma, initial, rewards);
  }

  private static TransitionKernel transitions(List<?> rows, int states, int actions) {
    if (rows.size() < (long) states * actions) {
      // Checked before allocating per-row storage, so a bogus "states" cannot exhaust memory.
      throw new InvalidInputException(
          "transitions: "
              + rows.size()
              + " entries cannot cover the "
              + states
              + "*"
              + actions
              + " (state, action) rows; each row needs entries summing to 1");
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
              rowAt
                  + ": has "
                  + row.size()
                  + " entries, expected "
                  + actions
                  + " (one per action)");
        }
        for (int a = 0; a < actions; a++) {
          String cell = rowAt + "[" + a + "]";
          double r = number(row.get(a), cell);
          if (!Double.isFinite(r)) {
            throw new InvalidInputException(
                cell + ": reward must be finite, got " + show(row.get(a)));
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
    if (v instanceof Num n) {
      return n.value();
    }
    throw new InvalidInputException(at + ": expected a number, got " + show(v));
  }

  private static int positiveInt(Object v, String at) {
    if (v instanceof Num n && n.isIntegral() && n.value() >= 1 && n.value() <= Integer.MAX_VALUE) {
      return (int) n.value();
    }
    throw new InvalidInputException(at + ": expected a whole number >= 1, got " + show(v));
  }

  private static int index(Object v, String at, int size) {
    if (v instanceof Num n && n.isIntegral()) {
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
      return quote(s);
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
    StringWriter out =
        new StringWriter(
            64 + 24 * mdp.kernel().nonZeros() + 8 * mdp.agents() * mdp.states() * mdp.actions());
    // Jackson writes doubles with Double.toString (its fast writer is off by default), which
    // parses back to the same bits
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.setPrettyPrinter(new Layout());
      g.writeStartObject();
      g.writeStringField("format", FORMAT);
      g.writeStringField("name", mdp.name());
      g.writeNumberField("states", mdp.states());
      g.writeNumberField("actions", mdp.actions());
      g.writeNumberField("gamma", mdp.gamma());
      g.writeArrayFieldStart("initial");
      for (int s = 0; s < mdp.states(); s++) {
        g.writeNumber(mdp.initial(s));
      }
      g.writeEndArray();
      g.writeArrayFieldStart("transitions");
      TransitionKernel k = mdp.kernel();
      for (int s = 0; s < k.states(); s++) {
        for (int a = 0; a < k.actions(); a++) {
          for (int e = k.rowStart(s, a); e < k.rowEnd(s, a); e++) {
            g.writeStartArray();
            g.writeNumber(s);
            g.writeNumber(a);
            g.writeNumber(k.next(e));
            g.writeNumber(k.probability(e));
            g.writeEndArray();
          }
        }
      }
      g.writeEndArray();
      g.writeArrayFieldStart("rewards");
      for (int n = 0; n < mdp.agents(); n++) {
        RewardTable r = mdp.reward(n);
        g.writeStartArray();
        for (int s = 0; s < r.states(); s++) {
          g.writeStartArray();
          for (int a = 0; a < r.actions(); a++) {
            g.writeNumber(r.get(s, a));
          }
          g.writeEndArray();
        }
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      // a StringWriter does no I/O
      throw new UncheckedIOException(e);
    }
    return out.append('\n').toString();
  }

  /**
   * The file layout: one top-level key per line, the entries of {@code transitions} and {@code
   * rewards} (and each agent's rows) one per line, everything deeper on one line.
   */
  private static final class Layout implements PrettyPrinter {
    /** Per open array: whether its entries go one per line. */
    private final Deque<Boolean> broken = new ArrayDeque<>();

    private static String indent(int depth) {
      return "\n" + "  ".repeat(depth);
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator g) {}

    @Override
    public void writeStartObject(JsonGenerator g) throws IOException {
      g.writeRaw('{');
    }

    @Override
    public void beforeObjectEntries(JsonGenerator g) throws IOException {
      g.writeRaw(indent(1));
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
      g.writeRaw(',' + indent(1));
    }

    @Override
    public void writeEndObject(JsonGenerator g, int entries) throws IOException {
      g.writeRaw(indent(0) + "}");
    }

    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
      // the generator has already entered the new array's context
      JsonStreamContext parent = g.getOutputContext().getParent();
      boolean lines;
      if (broken.isEmpty()) {
        lines = !"initial".equals(parent.getCurrentName());
      } else {
        lines = broken.size() == 1 && "rewards".equals(parent.getParent().getCurrentName());
      }
      broken.push(lines);
      g.writeRaw('[');
    }

    @Override
    public void beforeArrayValues(JsonGenerator g) throws IOException {
      if (broken.peek()) {
        g.writeRaw(indent(broken.size() + 1));
      }
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(broken.peek() ? ',' + indent(broken.size() + 1) : ", ");
    }

    @Override
    public void writeEndArray(JsonGenerator g, int values) throws IOException {
      boolean lines = broken.pop();
      g.writeRaw(lines && values > 0 ? indent(broken.size() + 1) + "]" : "]");
    }
  }

  /**
   * Writes an MDP atomically (see {@link AtomicFiles#writeString}).
   *
   * @throws FedNpgException if the file cannot be written
   */
  public static void write(MultiTaskMdp mdp, Path file) {
    try {
      AtomicFiles.writeString(file, toJson(mdp));
    } catch (UncheckedIOException e) {
      throw new FedNpgException(e.getMessage(), e);
    }
    LOG.debug("wrote {} to {}", mdp, file.toAbsolutePath());
  }
}
