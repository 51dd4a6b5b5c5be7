package org.fednpg.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts {@link NodeMain} node JVMs and {@link SubmitMain} submitters as separate processes with a
 * heap cap, {@code -XX:+ExitOnOutOfMemoryError} and a GC log, and reads each JVM's peak heap from
 * its GC log: the largest heap occupancy before a collection ({@code Pause ... 123M->45M(300M)}),
 * which is the peak the JVM reached, rounded to the MiB by the log (our choice of measurement: no
 * code in the node, and every collector writes this line).
 */
final class NodeProcesses implements AutoCloseable {

  private static final Pattern PAUSE = Pattern.compile("Pause.* (\\d+)M->(\\d+)M\\((\\d+)M\\)");

  final Path logs;
  final List<Process> processes = new ArrayList<>();

  NodeProcesses() throws IOException {
    logs = Files.createTempDirectory("fednpg-bounded");
  }

  /** A node on 127.0.0.1:port joining seed (itself for the first), plain TCP, no data folder. */
  Process node(int port, String seed, String xmx) throws IOException {
    return start(
        "node-" + port,
        xmx,
        NodeMain.class.getName(),
        "127.0.0.1",
        Integer.toString(port),
        seed,
        "-",
        "-");
  }

  /** A submitter (see {@link SubmitMain}) writing its rows to {@code out}. */
  Process submitter(
      String seed, int size, int agents, int iterations, int every, Path out, String xmx)
      throws IOException {
    return start(
        "submitter",
        xmx,
        SubmitMain.class.getName(),
        seed,
        Integer.toString(size),
        Integer.toString(agents),
        Integer.toString(iterations),
        Integer.toString(every),
        out.toString());
  }

  /** The whole run in one JVM (see {@link InProcessMain}). */
  Process inProcess(int size, int agents, int iterations, int every, String xmx)
      throws IOException {
    return start(
        "inprocess",
        xmx,
        InProcessMain.class.getName(),
        Integer.toString(size),
        Integer.toString(agents),
        Integer.toString(iterations),
        Integer.toString(every));
  }

  private Process start(String name, String xmx, String main, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + xmx);
    cmd.add("-XX:+ExitOnOutOfMemoryError");
    cmd.add("-Xlog:gc:file=" + logs.resolve(name + ".gc.log"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main);
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectErrorStream(true);
    pb.redirectOutput(logs.resolve(name + ".log").toFile());
    Process p = pb.start();
    processes.add(p);
    return p;
  }

  /** The peak heap occupancy in MiB the GC log of {@code name} shows (0 without a collection). */
  long peakHeapMb(String name) throws IOException {
    long peak = 0;
    for (String line : Files.readAllLines(logs.resolve(name + ".gc.log"))) {
      Matcher m = PAUSE.matcher(line);
      if (m.find()) {
        peak = Math.max(peak, Long.parseLong(m.group(1)));
      }
    }
    return peak;
  }

  String log(String name) throws IOException {
    return Files.readString(logs.resolve(name + ".log"));
  }

  /** {@code count} distinct free loopback ports (all held open while choosing, so no repeats). */
  static List<Integer> freePorts(int count) throws IOException {
    List<ServerSocket> held = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        held.add(s);
        ports.add(s.getLocalPort());
      }
      return ports;
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }
}
