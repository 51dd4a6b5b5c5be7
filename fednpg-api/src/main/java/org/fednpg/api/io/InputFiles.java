package org.fednpg.api.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.InvalidInputException;

/**
 * The one way input files (MDP files, mixing matrices, edge lists, feature tables, specs) are read:
 * only regular files (a FIFO, a device such as {@code /dev/zero} or a folder is refused before it
 * is opened for reading), never more than a size limit (checked before reading, and enforced while
 * reading in case the file grows), and each file read is noted — absolute path, size and SHA-256 of
 * the bytes actually read — in the calling thread's {@link Recording}, if one is open, so that a
 * result can name exactly the inputs it came from.
 *
 * <p>Errors are {@link InvalidInputException}s of one line naming the file.
 */
public final class InputFiles {

  /** Upper bound on an input file's size: 256 MiB (our choice). */
  public static final long MAX_BYTES = 256L << 20;

  private static final ThreadLocal<Recording> CURRENT = new ThreadLocal<>();

  private InputFiles() {}

  /**
   * One input file as read.
   *
   * @param path absolute, normalized path
   * @param size bytes
   * @param sha256 lowercase hex SHA-256 of the content
   */
  public record InputFile(String path, long size, String sha256) {}

  /**
   * The default limit: {@link #MAX_BYTES}, or an eighth of the JVM's max heap if that is less
   * (parsing text into tables takes several times the file's size; our choice).
   */
  public static long defaultLimit() {
    return Math.min(MAX_BYTES, Runtime.getRuntime().maxMemory() / 8);
  }

  /**
   * Reads a whole input file.
   *
   * @param file the file
   * @param what how messages name it, e.g. "MDP file"
   * @param limit the most bytes accepted
   * @throws InvalidInputException if it is missing, not a regular file, larger than the limit or
   *     unreadable
   */
  public static byte[] readBytes(Path file, String what, long limit) {
    checkRegular(file, what);
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw unreadable(file, what, e);
    }
    if (size > limit) {
      throw new InvalidInputException(
          what + " " + file + ": " + size + " bytes, more than the limit of " + limit + " bytes");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
    } catch (IOException e) {
      throw unreadable(file, what, e);
    }
    if (bytes.length > limit) {
      throw new InvalidInputException(
          what + " " + file + ": grew beyond the limit of " + limit + " bytes while being read");
    }
    Recording r = CURRENT.get();
    if (r != null) {
      r.add(new InputFile(absolute(file), bytes.length, sha256(bytes)));
    }
    return bytes;
  }

  /** Reads a whole input file as UTF-8 text under {@link #defaultLimit()}. */
  public static String readString(Path file, String what) {
    return readString(file, what, defaultLimit());
  }

  /** Reads a whole input file as UTF-8 text (malformed UTF-8 is refused). */
  public static String readString(Path file, String what, long limit) {
    byte[] bytes = readBytes(file, what, limit);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidInputException(what + " " + file + ": not UTF-8 text", e);
    }
  }

  /** The lines of a UTF-8 input file under {@link #defaultLimit()} (line ends removed). */
  public static List<String> readLines(Path file, String what) {
    return readString(file, what).lines().toList();
  }

  /**
   * Describes a file as it is now (size and SHA-256, streamed), without recording it; for checking
   * that an input recorded earlier is unchanged.
   *
   * @throws InvalidInputException if it is missing or not a regular file
   */
  public static InputFile describe(Path file) {
    checkRegular(file, "input file");
    MessageDigest md = digest();
    long size = 0;
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        md.update(buffer, 0, n);
        size += n;
      }
    } catch (IOException e) {
      throw unreadable(file, "input file", e);
    }
    return new InputFile(absolute(file), size, HexFormat.of().formatHex(md.digest()));
  }

  /** Lowercase hex SHA-256 of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  /**
   * Starts noting the input files this thread reads, until the returned recording is closed
   * (recordings nest: the outer one resumes on close).
   */
  public static Recording record() {
    Recording r = new Recording(CURRENT.get());
    CURRENT.set(r);
    return r;
  }

  /** The input files one thread read while it was open, in first-read order, one per path. */
  public static final class Recording implements AutoCloseable {
    private final Recording outer;
    private final Map<String, InputFile> files = new LinkedHashMap<>();

    private Recording(Recording outer) {
      this.outer = outer;
    }

    private void add(InputFile f) {
      files.put(f.path(), f);
      if (outer != null) {
        outer.add(f);
      }
    }

    /** The files read so far. */
    public List<InputFile> files() {
      return new ArrayList<>(files.values());
    }

    @Override
    public void close() {
      if (CURRENT.get() == this) {
        if (outer == null) {
          CURRENT.remove();
        } else {
          CURRENT.set(outer);
        }
      }
    }
  }

  private static void checkRegular(Path file, String what) {
    if (Files.isRegularFile(file)) {
      return;
    }
    if (!Files.exists(file)) {
      throw new InvalidInputException(what + " " + file + ": not found");
    }
    throw new InvalidInputException(
        what
            + " "
            + file
            + ": not a regular file ("
            + (Files.isDirectory(file) ? "a folder" : "a FIFO, socket or device")
            + "); input files must be ordinary files");
  }

  private static InvalidInputException unreadable(Path file, String what, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new InvalidInputException(what + " " + file + ": not found", e);
    }
    return new InvalidInputException(
        what
            + " "
            + file
            + ": cannot read ("
            + e.getClass().getSimpleName()
            + ": "
            + e.getMessage()
            + ")",
        e);
  }

  private static String absolute(Path file) {
    return file.toAbsolutePath().normalize().toString();
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
