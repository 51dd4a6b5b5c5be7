package org.fednpg.experiments.results;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.run.AgentState;
import org.fednpg.core.runtime.Checkpoint;

/**
 * Binary checkpoint files ({@code checkpoint.bin}): a magic tag and version, a fingerprint of the
 * spec that produced it, the counters, then every agent's named tables as raw IEEE-754 bits, so a
 * resumed run continues bit for bit. Written atomically (temp file + rename).
 */
public final class CheckpointFiles {

  private static final int MAGIC = 0x464E5043; // "FNPC"
  private static final int VERSION = 1;

  private CheckpointFiles() {}

  /** Writes {@code c} with the fingerprint of the spec that produced it. */
  public static void write(Path file, String fingerprint, Checkpoint c) {
    Path tmp = AtomicFiles.temporarySibling(file);
    try (DataOutputStream out = new DataOutputStream(
        new BufferedOutputStream(Files.newOutputStream(tmp)))) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeUTF(fingerprint);
      out.writeLong(c.iteration());
      out.writeLong(c.elapsedMs());
      out.writeLong(c.messages());
      out.writeLong(c.bytesSent());
      out.writeInt(c.agents().size());
      for (AgentState a : c.agents()) {
        out.writeLong(a.samples());
        out.writeInt(a.tables().size());
        for (Map.Entry<String, double[]> e : a.tables().entrySet()) {
          out.writeUTF(e.getKey());
          out.writeInt(e.getValue().length);
          for (double d : e.getValue()) {
            out.writeLong(Double.doubleToRawLongBits(d));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + file, e);
    }
    try {
      AtomicFiles.commit(tmp, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + file, e);
    }
  }

  /**
   * Reads a checkpoint, refusing one made by another spec.
   *
   * @throws InvalidInputException for a foreign, truncated or mismatched file
   */
  public static Checkpoint read(Path file, String fingerprint) {
    try (DataInputStream in = new DataInputStream(
        new BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != MAGIC) {
        throw new InvalidInputException(file + ": not a fednpg checkpoint");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new InvalidInputException(file + ": checkpoint version " + version
            + ", this fednpg reads version " + VERSION);
      }
      if (!in.readUTF().equals(fingerprint)) {
        throw new InvalidInputException(file + ": checkpoint was made by a different spec; "
            + "delete it (or the folder) to start over");
      }
      long iteration = in.readLong();
      long elapsed = in.readLong();
      long messages = in.readLong();
      long bytes = in.readLong();
      int n = in.readInt();
      List<AgentState> agents = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        long samples = in.readLong();
        int tables = in.readInt();
        Map<String, double[]> m = new LinkedHashMap<>();
        for (int k = 0; k < tables; k++) {
          String name = in.readUTF();
          double[] t = new double[in.readInt()];
          for (int j = 0; j < t.length; j++) {
            t[j] = Double.longBitsToDouble(in.readLong());
          }
          m.put(name, t);
        }
        agents.add(new AgentState(m, samples));
      }
      return new Checkpoint(iteration, elapsed, messages, bytes, agents);
    } catch (EOFException e) {
      throw new InvalidInputException(file + ": truncated checkpoint", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + file, e);
    }
  }
}
