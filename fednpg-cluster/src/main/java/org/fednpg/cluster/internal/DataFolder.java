package org.fednpg.cluster.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.core.plugin.ComponentRegistry;
import org.fednpg.core.plugin.ComponentRegistry.Family;

/**
 * Where a cluster node may read the files a submitted spec names: only inside its {@code --data}
 * folder. A path parameter (every parameter a provider declares as {@link ParameterType#PATH}) is
 * refused when it is absolute, contains {@code ..}, leaves the folder through a symbolic link, is
 * not a regular file (a FIFO, a device, a folder) or is larger than the size cap. Accepted files
 * are copied, with a bounded and interruptible read, into a private snapshot folder that the run is
 * then assembled from, so the providers never open the node's own files (our choice: this also
 * closes the gap between the check and the read).
 *
 * <p>Refusals name the parameter, the path as the spec wrote it and the rule broken, never anything
 * read from a file, so they may be sent back to the submitter ({@link SafeMessage}).
 */
public final class DataFolder {

  /** Default cap on one file a spec names (our choice): 64 MiB. */
  public static final long DEFAULT_MAX_BYTES = 64L << 20;

  /** The placeholder of per-agent paths (see the {@code files} environment). */
  static final String AGENT = "{agent}";

  private final Path root;
  private final long maxBytes;

  /**
   * @param root the node's data folder, or null for a node that reads no files at all
   * @param maxBytes largest file accepted
   * @throws InvalidInputException when {@code root} is not an existing folder
   */
  public DataFolder(Path root, long maxBytes) {
    if (maxBytes < 1) {
      throw new InvalidInputException("file size cap must be positive, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
    if (root == null) {
      this.root = null;
      return;
    }
    try {
      this.root = root.toRealPath();
    } catch (IOException e) {
      throw new InvalidInputException("--data folder '" + root + "' does not exist");
    }
    if (!Files.isDirectory(this.root)) {
      throw new InvalidInputException("--data '" + root + "' is not a folder");
    }
  }

  /** A path parameter the spec names was refused. */
  public static final class PathRefused extends InvalidInputException implements SafeMessage {
    private static final long serialVersionUID = 1L;

    PathRefused(String message) {
      super(message);
    }
  }

  /**
   * A run prepared for assembly on this node.
   *
   * @param spec the spec with its base folder pointing at the snapshot (null: no files)
   * @param snapshot the private copy of the files, to delete after assembly (null: none)
   * @param files how each file was named, e.g. {@code topology 'file' parameter 'path' = 'w.csv'}
   */
  public record Prepared(RunSpec spec, Path snapshot, List<String> files) {}

  /**
   * Checks and copies every file {@code spec} names; returns the spec to assemble from.
   *
   * @param node this node's host:port, for messages
   * @throws PathRefused naming the parameter, the path and the rule broken
   */
  public Prepared prepare(RunSpec spec, ComponentRegistry registry, String node) {
    Map<String, String> files = new LinkedHashMap<>();
    List<String> described = new ArrayList<>();
    for (Family family : Family.values()) {
      collect(family, spec.component(family), registry, files, described);
    }
    expandPatterns(node, files, described);
    List<Path> sources = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, String> e : files.entrySet()) {
      sources.add(check(node, described.get(i++), e.getKey()));
    }
    if (files.isEmpty()) {
      return new Prepared(spec, null, described);
    }
    Path snapshot;
    try {
      snapshot = Files.createTempDirectory("fednpg-run-");
    } catch (IOException e) {
      throw new UncheckedIOException("node " + node + ": cannot create a snapshot folder", e);
    }
    try {
      i = 0;
      for (String relative : files.keySet()) {
        Path target = snapshot.resolve(relative).normalize();
        Files.createDirectories(target.getParent());
        copy(node, described.get(i), sources.get(i), target);
        i++;
      }
    } catch (IOException | RuntimeException e) {
      delete(snapshot);
      if (e instanceof PathRefused p) {
        throw p;
      }
      throw new NodeFailure(
          "node "
              + node
              + ": could not read "
              + described.get(i)
              + " from its --data folder ("
              + e.getClass().getSimpleName()
              + ")");
    }
    RunSpec local =
        new RunSpec(
            spec.seed(),
            spec.gamma(),
            spec.environment(),
            spec.topology(),
            spec.evaluator(),
            spec.algorithm(),
            snapshot.toString(),
            spec.adversary());
    return new Prepared(local, snapshot, described);
  }

  /**
   * Replaces every path with {@value #AGENT} (a per-agent pattern such as {@code
   * rewards/agent-{agent}.json}) by the matching files this node holds: its own agents' files (our
   * choice: a node copies whatever matches in its folder; an agent whose file is missing fails when
   * it is built, naming the file). The placeholder may appear in the file name only.
   */
  private void expandPatterns(String node, Map<String, String> files, List<String> described) {
    List<String> keys = new ArrayList<>(files.keySet());
    for (String text : keys) {
      if (!text.contains(AGENT)) {
        continue;
      }
      int at = keys.indexOf(text);
      String what = described.get(at);
      String unified = text.replace('\\', '/');
      int slash = unified.lastIndexOf('/');
      String dir = slash < 0 ? "" : unified.substring(0, slash);
      String name = unified.substring(slash + 1);
      String prefix = "node " + node + ": " + what + " refused: ";
      if (dir.contains(AGENT)) {
        throw new PathRefused(prefix + AGENT + " may appear in the file name only");
      }
      files.remove(text);
      described.remove(what);
      if (root == null) {
        throw new PathRefused(
            prefix + "this node was started without --data, so it reads no files");
      }
      Path folder = dir.isEmpty() ? root : checkFolder(prefix, dir);
      if (folder == null) {
        continue;
      }
      java.util.regex.Pattern match =
          java.util.regex.Pattern.compile(
              java.util.regex.Pattern.quote(name).replace(AGENT, "\\E[0-9]+\\Q"));
      List<String> found = new ArrayList<>();
      try (var list = Files.list(folder)) {
        list.forEach(
            f -> {
              String n = f.getFileName().toString();
              if (match.matcher(n).matches()) {
                found.add(n);
              }
            });
      } catch (IOException e) {
        throw new PathRefused(prefix + "cannot list (" + e.getClass().getSimpleName() + ")");
      }
      java.util.Collections.sort(found);
      for (String n : found) {
        String relative = dir.isEmpty() ? n : dir + "/" + n;
        files.put(relative, what + " -> '" + relative + "'");
        described.add(files.get(relative));
      }
    }
  }

  private Path checkFolder(String prefix, String dir) {
    for (String part : dir.split("/")) {
      if (part.equals("..")) {
        throw new PathRefused(
            prefix + "'..' is not allowed; the path must stay inside the node's --data folder");
      }
    }
    if (dir.startsWith("/") || dir.matches("^[A-Za-z]:.*")) {
      throw new PathRefused(
          prefix
              + "absolute paths are not allowed; give a path relative to the node's --data"
              + " folder");
    }
    Path resolved;
    try {
      resolved = root.resolve(dir).normalize();
    } catch (InvalidPathException e) {
      throw new PathRefused(prefix + "not a valid path");
    }
    if (!Files.isDirectory(resolved)) {
      return null; // no file of this pattern on this node
    }
    try {
      Path real = resolved.toRealPath();
      if (!real.startsWith(root)) {
        throw new PathRefused(prefix + "a symbolic link leads outside the node's --data folder");
      }
      return real;
    } catch (IOException e) {
      throw new PathRefused(prefix + "cannot be resolved (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static void collect(
      Family family,
      RunSpec.Component c,
      ComponentRegistry registry,
      Map<String, String> files,
      List<String> described) {
    if (c == null) {
      return;
    }
    List<ParameterSpec> specs;
    try {
      specs = registry.provider(family, c.type()).parameters();
    } catch (RuntimeException e) {
      return; // an unknown type fails in the assembly with its usual message
    }
    for (ParameterSpec p : specs) {
      if (p.type() != ParameterType.PATH) {
        continue;
      }
      RunSpec.Value v = c.parameters().get(p.name());
      String text =
          v != null ? v.text() : p.defaultValue() != null ? String.valueOf(p.defaultValue()) : null;
      if (text != null && !files.containsKey(text)) {
        files.put(
            text,
            family.label() + " '" + c.type() + "' parameter '" + p.name() + "' = '" + text + "'");
        described.add(files.get(text));
      }
    }
  }

  /**
   * The real location of {@code given} inside the data folder, after every rule.
   *
   * @param what how messages name the parameter
   * @throws PathRefused naming it and the rule broken
   */
  public Path check(String node, String what, String given) {
    String prefix = "node " + node + ": " + what + " refused: ";
    if (root == null) {
      throw new PathRefused(prefix + "this node was started without --data, so it reads no files");
    }
    if (given.isBlank()) {
      throw new PathRefused(prefix + "the path is empty");
    }
    String unified = given.replace('\\', '/');
    if (unified.startsWith("/") || unified.matches("^[A-Za-z]:.*")) {
      throw new PathRefused(
          prefix
              + "absolute paths are not allowed; give a path relative to the"
              + " node's --data folder");
    }
    for (String part : unified.split("/")) {
      if (part.equals("..")) {
        throw new PathRefused(
            prefix
                + "'..' is not allowed; the path must stay inside the node's"
                + " --data folder");
      }
    }
    Path resolved;
    try {
      resolved = root.resolve(unified).normalize();
    } catch (InvalidPathException e) {
      throw new PathRefused(prefix + "not a valid path");
    }
    if (!resolved.startsWith(root)) {
      throw new PathRefused(prefix + "the path leaves the node's --data folder");
    }
    Path real;
    try {
      real = resolved.toRealPath();
    } catch (NoSuchFileException e) {
      throw new PathRefused(prefix + "no such file in the node's --data folder");
    } catch (IOException e) {
      throw new PathRefused(prefix + "cannot be resolved (" + e.getClass().getSimpleName() + ")");
    }
    if (!real.startsWith(root)) {
      throw new PathRefused(prefix + "a symbolic link leads outside the node's --data folder");
    }
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new PathRefused(prefix + "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    if (!a.isRegularFile()) {
      throw new PathRefused(prefix + "not a regular file (folders, FIFOs and devices are refused)");
    }
    if (a.size() > maxBytes) {
      throw new PathRefused(prefix + "larger than the node's limit of " + maxBytes + " bytes");
    }
    return real;
  }

  /** Copies at most {@code maxBytes} through an interruptible channel; refuses a longer file. */
  private void copy(String node, String what, Path source, Path target) throws IOException {
    try (FileChannel in =
            FileChannel.open(source, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        FileChannel out =
            FileChannel.open(
                target,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      long total = 0;
      while (in.read(buf.clear()) >= 0) {
        total += buf.position();
        if (total > maxBytes) {
          throw new PathRefused(
              "node "
                  + node
                  + ": "
                  + what
                  + " refused: larger than the node's"
                  + " limit of "
                  + maxBytes
                  + " bytes");
        }
        buf.flip();
        while (buf.hasRemaining()) {
          out.write(buf);
        }
      }
    }
  }

  /** Deletes a snapshot folder made by {@link #prepare}. */
  public static void delete(Path snapshot) {
    if (snapshot == null) {
      return;
    }
    try (var walk = Files.walk(snapshot)) {
      List<Path> all = new ArrayList<>(walk.toList());
      for (int i = all.size() - 1; i >= 0; i--) {
        Files.deleteIfExists(all.get(i));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete snapshot " + snapshot, e);
    }
  }
}
