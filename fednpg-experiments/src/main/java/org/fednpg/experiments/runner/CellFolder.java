package org.fednpg.experiments.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.io.InputFiles;
import org.fednpg.experiments.results.FolderLock;

/**
 * What a cell's result folder holds, and the rules for touching it: fednpg writes only into
 * folders that are absent, empty or its own (its lock file or a manifest of its format, and only
 * files of the names it writes); a finished run is reused only for the same spec and unchanged
 * input files; replaced results are moved aside, never deleted.
 */
final class CellFolder {

  /** The manifest's format tag. */
  static final String FORMAT = "fednpg-run/1";

  static final String MANIFEST = "manifest.json";
  static final String METRICS = "metrics.csv";
  static final String CHECKPOINT = "checkpoint.bin";

  /** Where {@code --force} moves replaced results: {@code replaced-<UTC time>}. */
  static final String REPLACED = "replaced-";

  /** The files fednpg writes into a cell folder. */
  private static final Set<String> OURS = Set.of(MANIFEST, MANIFEST + ".tmp", METRICS,
      METRICS + ".tmp", CHECKPOINT, CHECKPOINT + ".tmp", FolderLock.FILE);

  /** What a sweep's top folder may hold besides cell folders. */
  /** Files a sweep's top folder may hold: the summary and what reproduce keeps beside it. */
  private static final Set<String> SWEEP_FILES = Set.of("summary.csv", "summary.csv.tmp",
      "timing.json", "entropy-shares.json");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** A folder's state for one cell spec. */
  enum State {
    /** Absent, empty, or only an interrupted run of ours: run it. */
    FRESH,
    /** A finished run of this spec and these inputs: skip it. */
    FINISHED,
    /** A finished run of another spec or of changed inputs, and --force: move aside, redo. */
    REPLACE
  }

  private CellFolder() {}

  /**
   * Classifies {@code dir} for a cell whose spec is {@code cellSpec}.
   *
   * @throws InvalidInputException for a foreign folder, or (without force) a finished run of
   *     another spec or of changed inputs
   */
  static State inspect(Path dir, JsonNode cellSpec, JsonNode plugins, boolean force) {
    List<String> entries = entries(dir);
    if (entries.isEmpty()) {
      return State.FRESH;
    }
    List<String> foreign = new ArrayList<>();
    for (String e : entries) {
      if (!OURS.contains(e) && !(e.startsWith(REPLACED) && Files.isDirectory(dir.resolve(e)))) {
        foreign.add(e);
      }
    }
    if (!foreign.isEmpty()) {
      throw foreign(dir, "holds files fednpg did not write (" + names(foreign) + ")");
    }
    boolean hasManifest = entries.contains(MANIFEST);
    if (!hasManifest && !entries.contains(FolderLock.FILE)) {
      throw foreign(dir, "holds " + names(entries) + " but neither a fednpg manifest nor a "
          + "fednpg lock file");
    }
    if (!hasManifest) {
      return State.FRESH;
    }
    JsonNode m = manifest(dir.resolve(MANIFEST));
    if (!entries.contains(METRICS)) {
      return State.FRESH; // a manifest without metrics: an earlier run of ours, redone
    }
    JsonNode recorded = m.get("cell_spec");
    if (recorded == null || !recorded.equals(cellSpec)) {
      if (force) {
        return State.REPLACE;
      }
      throw new InvalidInputException(dir + " holds a finished run of a different spec; choose "
          + "another output folder, or pass --force to redo it (the old result is moved aside; "
          + "nothing was overwritten)");
    }
    String changed = changedInput(m);
    JsonNode recordedPlugins = m.path("plugins").isMissingNode()
        ? JsonNodeFactory.instance.arrayNode() : m.path("plugins");
    if (changed == null && !recordedPlugins.equals(plugins)) {
      changed = "the plugin jars differ from the finished run's (recorded " + recordedPlugins
          + ", loaded now " + plugins + ")";
    }
    if (changed != null) {
      if (force) {
        return State.REPLACE;
      }
      throw new InvalidInputException(dir + ": " + changed + "; re-run into a new folder, or "
          + "pass --force to redo it (the old result is moved aside; nothing was overwritten)");
    }
    return State.FINISHED;
  }

  /** Refuses a sweep's top folder that holds anything but cell folders, summary and pictures. */
  static void checkSweepFolder(Path dir) {
    List<String> foreign = new ArrayList<>();
    for (String e : entries(dir)) {
      boolean ok = Files.isDirectory(dir.resolve(e)) || SWEEP_FILES.contains(e)
          || e.endsWith(".png");
      if (!ok) {
        foreign.add(e);
      }
    }
    if (!foreign.isEmpty()) {
      throw foreign(dir, "is used as a sweep's folder but holds files a sweep does not write ("
          + names(foreign) + ")");
    }
  }

  /**
   * The manifest entries whose files must be unchanged for a finished run to count: the input
   * files it read. (Plugin jars recorded in a {@code plugins} list of the same {path, size,
   * sha256} shape join the comparison by adding {@code m.path("plugins")} here.)
   */
  private static List<JsonNode> comparedFiles(JsonNode m) {
    List<JsonNode> files = new ArrayList<>();
    m.path("inputs").forEach(files::add);
    return files;
  }

  /** A message naming the first input file that changed since the run, or null. */
  static String changedInput(JsonNode m) {
    for (JsonNode f : comparedFiles(m)) {
      String path = f.path("path").asText();
      String sha = f.path("sha256").asText();
      Path p = Path.of(path);
      if (!Files.isRegularFile(p)) {
        return "input file " + path + " read by the finished run is gone";
      }
      InputFiles.InputFile now = InputFiles.describe(p);
      if (!now.sha256().equals(sha)) {
        return "input file " + path + " changed since the finished run (SHA-256 was "
            + abbreviate(sha, 12) + ", now " + abbreviate(now.sha256(), 12) + ")";
      }
    }
    return null;
  }

  /** Reads a manifest of ours, refusing anything else. */
  static JsonNode manifest(Path file) {
    JsonNode m;
    try {
      m = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw foreign(file.getParent(), "holds a " + MANIFEST + " that is not readable JSON");
    }
    if (m == null || !m.isObject() || !FORMAT.equals(m.path("format").asText(null))) {
      String format = m != null && m.isObject() && m.has("format")
          ? " (format '" + abbreviate(m.get("format").asText()) + "')" : "";
      throw foreign(file.getParent(), "holds a " + MANIFEST + " that is not a " + FORMAT
          + " manifest" + format);
    }
    return m;
  }

  /**
   * Moves the results of an earlier run (manifest, metrics, partial metrics, checkpoint) into a
   * new {@code replaced-<UTC time>} sub-folder.
   *
   * @return the sub-folder, or null when there was nothing to move
   */
  static Path moveAside(Path dir) {
    Path aside = dir.resolve(REPLACED + STAMP.format(Instant.now()));
    boolean moved = false;
    try {
      for (String name : List.of(MANIFEST, METRICS, METRICS + ".tmp", CHECKPOINT)) {
        Path f = dir.resolve(name);
        if (Files.exists(f)) {
          Files.createDirectories(aside);
          Files.move(f, aside.resolve(name));
          moved = true;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move the old results of " + dir + " aside", e);
    }
    return moved ? aside : null;
  }

  private static List<String> entries(Path dir) {
    List<String> names = new ArrayList<>();
    if (!Files.exists(dir)) {
      return names;
    }
    if (!Files.isDirectory(dir)) {
      throw new InvalidInputException(dir + ": output path exists and is not a folder");
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        names.add(p.getFileName().toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return names;
  }

  private static String names(List<String> names) {
    TreeSet<String> sorted = new TreeSet<>(names);
    List<String> shown = new ArrayList<>();
    for (String n : sorted) {
      if (shown.size() == 3) {
        shown.add("and " + (sorted.size() - 3) + " more");
        break;
      }
      shown.add(abbreviate(n));
    }
    return String.join(", ", shown);
  }

  private static String abbreviate(String s) {
    return abbreviate(s, 40);
  }

  private static String abbreviate(String s, int n) {
    return s.length() <= n + 3 ? s : s.substring(0, n) + "...";
  }

  private static InvalidInputException foreign(Path dir, String what) {
    return new InvalidInputException(dir + " " + what + ": refused, nothing was changed; choose "
        + "another output folder");
  }
}
