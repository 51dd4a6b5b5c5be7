package org.fednpg.experiments.results;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.io.AtomicFiles;
import org.fednpg.api.run.AgentState;
import org.fednpg.core.runtime.Checkpoint;

/**
 * Binary checkpoint files ({@code checkpoint.bin}), format version 2, big-endian:
 *
 * <pre>
 *   int    magic "FNPC"
 *   int    version (2)
 *   long   body length L
 *   L bytes body:
 *     32 bytes  SHA-256 of the fingerprint (the cell's spec and the hashes of its input files)
 *     long      iteration, elapsed_ms, messages, bytes_sent
 *     int       agents; per agent: long samples, int tables;
 *               per table: short name length, UTF-8 name, int length, length × IEEE-754 bits
 *   32 bytes SHA-256 over everything before it
 * </pre>
 *
 * <p>Raw IEEE-754 bits, so a resumed run continues bit for bit. Written atomically (temp file +
 * rename). Reading verifies the checksum before anything else, and every count and length against
 * the bytes that remain, so a damaged or edited file is refused with a one-line message and never
 * makes the reader allocate what the file does not hold.
 */
public final class CheckpointFiles {

  private static final int MAGIC = 0x464E5043; // "FNPC"
  private static final int VERSION = 2;
  private static final int HASH = 32;
  private static final int HEADER = 16;

  private CheckpointFiles() {}

  /** Writes {@code c} with the fingerprint of the spec (and inputs) that produced it. */
  public static void write(Path file, String fingerprint, Checkpoint c) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(body)) {
      out.write(sha256(fingerprint.getBytes(StandardCharsets.UTF_8)));
      out.writeLong(c.iteration());
      out.writeLong(c.elapsedMs());
      out.writeLong(c.messages());
      out.writeLong(c.bytesSent());
      out.writeInt(c.agents().size());
      for (AgentState a : c.agents()) {
        out.writeLong(a.samples());
        out.writeInt(a.tables().size());
        for (Map.Entry<String, double[]> e : a.tables().entrySet()) {
          byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
          out.writeShort(name.length);
          out.write(name);
          out.writeInt(e.getValue().length);
          for (double d : e.getValue()) {
            out.writeLong(Double.doubleToRawLongBits(d));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build checkpoint " + file, e);
    }
    byte[] b = body.toByteArray();
    ByteBuffer head = ByteBuffer.allocate(HEADER).putInt(MAGIC).putInt(VERSION).putLong(b.length);
    MessageDigest md = digest();
    md.update(head.array());
    md.update(b);
    Path tmp = AtomicFiles.temporarySibling(file);
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        out.write(head.array());
        out.write(b);
        out.write(md.digest());
      }
      AtomicFiles.commit(tmp, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + file, e);
    }
  }

  /**
   * Reads a checkpoint, refusing one that is damaged, edited, of another version or made by another
   * spec or other inputs.
   *
   * @throws InvalidInputException naming the file and what is wrong
   */
  public static Checkpoint read(Path file, String fingerprint) {
    byte[] all = readAll(file);
    ByteBuffer in = ByteBuffer.wrap(all);
    if (all.length < HEADER + HASH) {
      throw bad(
          file,
          "truncated ("
              + all.length
              + " bytes, a checkpoint has at least "
              + (HEADER + HASH)
              + ")");
    }
    if (in.getInt() != MAGIC) {
      throw bad(file, "not a fednpg checkpoint (wrong magic number)");
    }
    int version = in.getInt();
    if (version != VERSION) {
      throw bad(
          file, "checkpoint format version " + version + ", this fednpg reads version " + VERSION);
    }
    long length = in.getLong();
    if (length != all.length - HEADER - HASH) {
      throw bad(
          file,
          "the header promises a body of "
              + length
              + " bytes, the file holds "
              + (all.length - HEADER - HASH)
              + " (truncated or damaged)");
    }
    MessageDigest md = digest();
    md.update(all, 0, all.length - HASH);
    if (!Arrays.equals(md.digest(), Arrays.copyOfRange(all, all.length - HASH, all.length))) {
      throw bad(file, "checksum mismatch: the file was changed or damaged after it was written");
    }
    ByteBuffer body = ByteBuffer.wrap(all, HEADER, (int) length).slice();
    try {
      byte[] spec = new byte[HASH];
      body.get(spec);
      if (!Arrays.equals(spec, sha256(fingerprint.getBytes(StandardCharsets.UTF_8)))) {
        throw bad(file, "made by a different spec or from different input files");
      }
      long iteration = nonNegative(file, "iteration", body.getLong());
      long elapsed = nonNegative(file, "elapsed_ms", body.getLong());
      long messages = nonNegative(file, "messages", body.getLong());
      long bytes = nonNegative(file, "bytes_sent", body.getLong());
      int n = count(file, "agent count", body.getInt(), body.remaining(), 12);
      List<AgentState> agents = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        long samples = nonNegative(file, "agent " + i + " samples", body.getLong());
        int tables = count(file, "agent " + i + " table count", body.getInt(), body.remaining(), 6);
        Map<String, double[]> m = new LinkedHashMap<>();
        for (int k = 0; k < tables; k++) {
          int nameLength =
              count(file, "table name length", body.getShort() & 0xFFFF, body.remaining(), 1);
          byte[] name = new byte[nameLength];
          body.get(name);
          String tableName = utf8(file, name);
          int size =
              count(
                  file,
                  "table '" + tableName + "' length",
                  body.getInt(),
                  body.remaining(),
                  Double.BYTES);
          double[] t = new double[size];
          for (int j = 0; j < size; j++) {
            t[j] = Double.longBitsToDouble(body.getLong());
          }
          m.put(tableName, t);
        }
        agents.add(new AgentState(m, samples));
      }
      if (body.hasRemaining()) {
        throw bad(file, body.remaining() + " unexpected bytes after the last agent");
      }
      return new Checkpoint(iteration, elapsed, messages, bytes, agents);
    } catch (BufferUnderflowException e) {
      throw bad(file, "truncated body");
    }
  }

  private static byte[] readAll(Path file) {
    if (!Files.isRegularFile(file)) {
      throw bad(file, "not a regular file");
    }
    // a checkpoint holds the agents' tables: it cannot be larger than half the heap (our choice)
    long limit = Math.min(Integer.MAX_VALUE - 64L, Runtime.getRuntime().maxMemory() / 2);
    try {
      long size = Files.size(file);
      if (size > limit) {
        throw bad(
            file,
            size + " bytes, more than the limit of " + limit + " bytes (half the JVM's max heap)");
      }
      try (InputStream in = Files.newInputStream(file)) {
        byte[] all = in.readNBytes((int) limit + 1);
        if (all.length > limit) {
          throw bad(file, "grew beyond " + limit + " bytes while being read");
        }
        return all;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + file, e);
    }
  }

  private static long nonNegative(Path file, String what, long v) {
    if (v < 0) {
      throw bad(file, what + " is negative (" + v + ")");
    }
    return v;
  }

  /** A count of items of at least {@code unit} bytes each, checked against what remains. */
  private static int count(Path file, String what, int v, int remaining, int unit) {
    if (v < 0) {
      throw bad(file, what + " is negative (" + v + ")");
    }
    if ((long) v * unit > remaining) {
      throw bad(
          file,
          what
              + " "
              + v
              + " needs at least "
              + (long) v * unit
              + " bytes, only "
              + remaining
              + " remain");
    }
    return v;
  }

  private static String utf8(Path file, byte[] name) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(name))
          .toString();
    } catch (CharacterCodingException e) {
      throw bad(file, "a table name is not UTF-8");
    }
  }

  private static InvalidInputException bad(Path file, String what) {
    return new InvalidInputException(
        file
            + ": "
            + what
            + "; --resume --force starts the cell "
            + "over (the old files are moved aside)");
  }

  private static byte[] sha256(byte[] bytes) {
    return digest().digest(bytes);
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
