package org.fednpg.cluster.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.fednpg.cluster.internal.CoordinatorEvent.StateChunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The submitter's copy of a run's coordinated checkpoints (issue 19, our choice: held by the
 * submitter, on its local disk, never in its heap). Agents stream their {@link AgentSnapshot}s in
 * pieces; each piece is appended to {@code t<iteration>/agent-<n>.part} in a temporary folder, and
 * a finished agent file is renamed to {@code .bin}. The checkpoint of iteration t is complete once
 * every agent's file of t is there; it becomes the one a recovery restarts from when the run's
 * thread {@link #confirm}s it — only then, because only then has that thread also handled every
 * agent's report up to t (each agent reports before it sends its pieces, on the same link), so
 * every row up to t is out. Older checkpoints are deleted on confirmation, and the confirmed one is
 * never deleted before a newer one is confirmed. Pieces of a superseded generation of agents are
 * ignored.
 */
public final class CheckpointStore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);

  private final int agents;
  private final Path dir;
  private final Map<Long, Integer> complete = new HashMap<>();
  private final Map<String, Integer> nextPiece = new HashMap<>();
  private String accepting;
  private long confirmed = -1;
  private boolean broken;

  /**
   * A store for a run of {@code agents} agents in a new temporary folder.
   *
   * @throws UncheckedIOException when the folder cannot be created
   */
  public CheckpointStore(int agents) {
    this.agents = agents;
    try {
      this.dir = Files.createTempDirectory("fednpg-recovery-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder for the run's checkpoints", e);
    }
  }

  /** Where the checkpoints are written. */
  public Path folder() {
    return dir;
  }

  /**
   * Accepts pieces from agents of run (generation) id {@code runId} only, and forgets every
   * unfinished checkpoint (the agents of the new generation write them again).
   */
  public synchronized void begin(String runId) {
    accepting = runId;
    nextPiece.clear();
    complete.keySet().removeIf(t -> t != confirmed);
    try (Stream<Path> old = Files.list(dir)) {
      for (Path p : (Iterable<Path>) old::iterator) {
        if (!p.getFileName().toString().equals("t" + confirmed)) {
          delete(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear unfinished checkpoints in " + dir, e);
    }
  }

  /**
   * Stores one piece; returns the iteration of a checkpoint this piece completed.
   *
   * <p>A failure to write is logged (with its cause) and turns checkpointing off for the rest of
   * the run: a recovery then restarts from the last complete checkpoint, which is still correct,
   * only later.
   */
  public synchronized OptionalLong accept(StateChunk c) {
    if (broken || !c.runId().equals(accepting) || c.iteration() <= confirmed) {
      return OptionalLong.empty();
    }
    String key = c.iteration() + "/" + c.agent();
    int expected = nextPiece.getOrDefault(key, 0);
    if (c.index() != expected) {
      LOG.warn(
          "checkpoint of iteration {}: agent {} sent piece {} where {} was due; ignored",
          c.iteration(),
          c.agent(),
          c.index(),
          expected);
      return OptionalLong.empty();
    }
    try {
      Path folder = dir.resolve("t" + c.iteration());
      Files.createDirectories(folder);
      Path part = folder.resolve("agent-" + c.agent() + ".part");
      Files.write(
          part,
          c.data(),
          StandardOpenOption.CREATE,
          expected == 0 ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND,
          StandardOpenOption.WRITE);
      if (c.index() + 1 < c.count()) {
        nextPiece.put(key, expected + 1);
        return OptionalLong.empty();
      }
      nextPiece.remove(key);
      Files.move(part, file(c.iteration(), c.agent()), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      LOG.error(
          "cannot write the run's checkpoint in {}; checkpoints are off for this run", dir, e);
      broken = true;
      return OptionalLong.empty();
    }
    int done = complete.merge(c.iteration(), 1, Integer::sum);
    return done < agents ? OptionalLong.empty() : OptionalLong.of(c.iteration());
  }

  /**
   * The run's thread has handled the completion of checkpoint {@code t} (see the class comment): a
   * recovery may restart from it; older checkpoints are deleted.
   */
  public synchronized void confirm(long t) {
    if (t <= confirmed || complete.getOrDefault(t, 0) < agents) {
      return;
    }
    confirmed = t;
    complete.keySet().removeIf(x -> x < t);
    try (Stream<Path> old = Files.list(dir)) {
      for (Path p : (Iterable<Path>) old::iterator) {
        String name = p.getFileName().toString();
        if (name.startsWith("t") && Long.parseLong(name.substring(1)) < t) {
          delete(p);
        }
      }
    } catch (IOException | NumberFormatException e) {
      LOG.warn("cannot delete checkpoints older than iteration {} in {}", t, dir, e);
    }
  }

  /** Accepts no more pieces until the next {@link #begin} (a recovery is starting). */
  public synchronized void freeze() {
    accepting = null;
  }

  /** The confirmed checkpoint's iteration, or -1 when there is none. */
  public synchronized long confirmed() {
    return confirmed;
  }

  /** How many pieces agent {@code agent}'s snapshot in the checkpoint of {@code t} takes. */
  public synchronized int pieces(int agent, long t) {
    try {
      return AgentSnapshot.chunks(Files.size(file(t, agent)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the run's checkpoint in " + dir, e);
    }
  }

  /** Piece {@code index} of agent {@code agent}'s snapshot in the checkpoint of {@code t}. */
  public synchronized byte[] piece(int agent, long t, int index) {
    try (FileChannel f = FileChannel.open(file(t, agent), StandardOpenOption.READ)) {
      long from = (long) index * AgentSnapshot.CHUNK_BYTES;
      if (index < 0 || from >= Math.max(1, f.size())) {
        throw new IllegalArgumentException(
            "agent " + agent + " asked for snapshot piece " + index + " of " + pieces(agent, t));
      }
      ByteBuffer b =
          ByteBuffer.allocate((int) Math.min(AgentSnapshot.CHUNK_BYTES, f.size() - from));
      while (b.hasRemaining() && f.read(b, from + b.position()) >= 0) {
        // read until full
      }
      return b.array();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the run's checkpoint in " + dir, e);
    }
  }

  private Path file(long iteration, int agent) {
    return dir.resolve("t" + iteration).resolve("agent-" + agent + ".bin");
  }

  /** Deletes the folder and everything in it. */
  @Override
  public synchronized void close() {
    accepting = null;
    delete(dir);
  }

  private static void delete(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : (Iterable<Path>) walk.sorted((a, b) -> b.compareTo(a))::iterator) {
        Files.deleteIfExists(q);
      }
    } catch (IOException e) {
      LOG.warn("cannot delete checkpoint files under {}", p, e);
    }
  }
}
