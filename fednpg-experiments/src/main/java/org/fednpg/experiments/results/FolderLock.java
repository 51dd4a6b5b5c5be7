package org.fednpg.experiments.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.fednpg.api.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exclusive lock on one result folder (a run or one sweep cell), held while the cell is
 * inspected, run and finished: an operating-system lock ({@link FileChannel#tryLock}) on the file
 * {@value #FILE} in the folder, which names the holder (pid, start time). The lock is released when
 * the holder closes it (the file then says "free") or its process ends, however it ends (the
 * operating system drops the locks of a dead process); a lock file still naming a process that is
 * no longer running is taken over, and the takeover logged. The file itself stays: it marks the
 * folder as one fednpg writes.
 *
 * <p>Within one JVM the locks are also tracked in a set, because closing any channel on a locked
 * file can release a process's lock on it: a second lock of a folder this JVM holds is refused
 * without opening the file.
 */
public final class FolderLock implements AutoCloseable {

  /** The lock file's name. */
  public static final String FILE = ".fednpg.lock";

  /** The first line of a lock file. */
  public static final String FORMAT = "fednpg-lock/1";

  private static final Logger LOG = LoggerFactory.getLogger(FolderLock.class);
  private static final Map<Path, String> HELD_HERE = new ConcurrentHashMap<>();

  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;

  private FolderLock(Path key, FileChannel channel, FileLock lock) {
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Locks {@code dir} (creating it), or refuses at once.
   *
   * @throws InvalidInputException naming the folder and the holder when another run holds it
   */
  public static FolderLock acquire(Path dir) {
    Path key = dir.toAbsolutePath().normalize();
    String me = describe(ProcessHandle.current().pid(), Instant.now());
    if (HELD_HERE.putIfAbsent(key, me) != null) {
      throw refused(key, HELD_HERE.get(key) + ", this process");
    }
    boolean ok = false;
    FileChannel channel = null;
    try {
      Files.createDirectories(key);
      channel =
          FileChannel.open(
              key.resolve(FILE),
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw refused(key, holderText(read(channel)));
      }
      String previous = read(channel);
      takeOverNotice(key, previous);
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap((FORMAT + "\n" + me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      ok = true;
      return new FolderLock(key, channel, lock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + key, e);
    } finally {
      if (!ok) {
        HELD_HERE.remove(key);
        closeQuietly(channel);
      }
    }
  }

  /**
   * Who holds {@code dir}'s lock now, if anyone (a probe: the lock is taken and released at once,
   * the file left unchanged). Empty when the folder or its lock file does not exist or nobody holds
   * it.
   */
  public static Optional<String> holder(Path dir) {
    Path key = dir.toAbsolutePath().normalize();
    String here = HELD_HERE.get(key);
    if (here != null) {
      return Optional.of(here + ", this process");
    }
    Path file = key.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (FileChannel c =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      FileLock probe;
      try {
        probe = c.tryLock();
      } catch (OverlappingFileLockException e) {
        probe = null;
      }
      if (probe == null) {
        return Optional.of(holderText(read(c)));
      }
      probe.release();
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot probe the lock of " + key, e);
    }
  }

  /** Refuses a folder that another run holds. */
  private static InvalidInputException refused(Path dir, String holder) {
    return new InvalidInputException(
        dir
            + " is in use by another fednpg run ("
            + holder
            + "); wait for it to finish or choose another output folder");
  }

  private static void takeOverNotice(Path dir, String previous) {
    Long pid = pid(previous);
    if (pid == null || pid == ProcessHandle.current().pid()) {
      return;
    }
    boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    if (alive) {
      LOG.warn(
          "{}: lock file names pid {}, which is running but does not hold the lock "
              + "(pid reused, or another host); taking it over",
          dir,
          pid);
    } else {
      LOG.info("{}: took over the stale lock of pid {} (no longer running)", dir, pid);
    }
  }

  private static String describe(long pid, Instant start) {
    return "pid " + pid + ", started " + start;
  }

  /** The holder as written in the lock file, checked against the running processes. */
  private static String holderText(String content) {
    Long pid = pid(content);
    if (pid == null) {
      return "holder not yet recorded";
    }
    String line = content.lines().filter(l -> l.startsWith("pid ")).findFirst().orElse("");
    boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    return line + (alive ? "" : "; not running on this host");
  }

  private static Long pid(String content) {
    for (String line : content.lines().toList()) {
      if (line.startsWith("pid ")) {
        String digits = line.substring(4).split(",", 2)[0].strip();
        try {
          return Long.parseLong(digits);
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static String read(FileChannel channel) throws IOException {
    ByteBuffer b = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
    channel.read(b, 0);
    return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
  }

  private static String readFile(Path file) {
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
      return read(c);
    } catch (IOException e) {
      return "";
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.warn("cannot close a lock file: {}", e.getMessage());
      }
    }
  }

  /** The locked folder. */
  public Path folder() {
    return key;
  }

  /** Releases the lock (the file stays). */
  @Override
  public void close() {
    try {
      // a released lock names no holder, so only a holder that died is reported as stale
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (FORMAT
                      + "\nfree; last released by pid "
                      + ProcessHandle.current().pid()
                      + " at "
                      + Instant.now()
                      + "\n")
                  .getBytes(StandardCharsets.UTF_8)),
          0);
      lock.release();
    } catch (IOException e) {
      LOG.warn("{}: cannot release the lock: {}", key, e.getMessage());
    } finally {
      closeQuietly(channel);
      HELD_HERE.remove(key);
    }
  }
}
