package org.fednpg.experiments.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fednpg.experiments.plugins.CrashingEvaluatorProvider;
import org.fednpg.experiments.results.MetricsCsv;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The results-safety guarantees under careless use: changed inputs noticed, foreign folders
 * refused, damaged checkpoints and partial metrics refused, limits applied before any work, and
 * FIFOs and devices refused as input files. Every refusal is exit 2 with one line.
 */
class ResultsSafetyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String MDP =
      """
      {"format": "fednpg-mdp/1", "name": "m", "states": 2, "actions": 2, "gamma": 0.9,
       "initial": [1.0, 0.0],
       "transitions": [[0,0,0,1.0],[0,1,1,1.0],[1,0,1,1.0],[1,1,0,0.5],[1,1,1,0.5]],
       "rewards": [[[0,1],[1,0]], [[1,0],[0,1]], [[0,0],[1,1]]]}
      """;

  private static final String W = "0.5,0.25,0.25\n0.25,0.5,0.25\n0.25,0.25,0.5\n";

  private static final String CRASHING =
      """
      name: long
      seed: 3
      iterations: 40
      environment: {type: garnet, states: 12, actions: 3, branching: 3, agents: 5}
      topology: {type: ring, neighbors: 1, weights: metropolis, drop: 0.2}
      evaluator: {type: test-crash, at: 27}
      algorithm: {type: fednpg, eta: 0.5, tau: 0.01}
      """;

  @TempDir Path tmp;

  @AfterEach
  void disarm() {
    CrashingEvaluatorProvider.ARMED.set(false);
  }

  private static void assertRefused(CliHarness.Outcome o, String... fragments) {
    assertThat(o.status()).as(o.out() + o.err()).isEqualTo(FedNpgCommand.EXIT_INPUT);
    assertThat(o.err().strip()).doesNotContain("\n").startsWith("fednpg: ");
    assertThat(o.err()).contains(fragments);
  }

  private Path fileSpec() throws IOException {
    Files.writeString(tmp.resolve("mdp.json"), MDP);
    Files.writeString(tmp.resolve("W.csv"), W);
    Path spec = tmp.resolve("files.yaml");
    Files.writeString(
        spec,
        "name: files\niterations: 4\n"
            + "environment: {type: file, path: mdp.json}\n"
            + "topology: {type: file, path: W.csv}\n"
            + "algorithm: {type: fednpg}\n");
    return spec;
  }

  private static String sha256(Path f) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
  }

  @Test
  void manifestRecordsEveryInputFileAndAnEditedInputIsRefused() throws Exception {
    Path spec = fileSpec();
    Path out = tmp.resolve("out");
    assertThat(CliHarness.run("run", spec.toString(), "--out", out.toString()).status()).isZero();
    JsonNode inputs = JSON.readTree(out.resolve("manifest.json").toFile()).path("inputs");
    assertThat(inputs).hasSize(2);
    Path mdp = tmp.resolve("mdp.json").toAbsolutePath();
    Path w = tmp.resolve("W.csv").toAbsolutePath();
    assertThat(inputs.get(0).path("path").asText()).isEqualTo(mdp.toString());
    assertThat(inputs.get(0).path("size").asLong()).isEqualTo(Files.size(mdp));
    assertThat(inputs.get(0).path("sha256").asText()).isEqualTo(sha256(mdp));
    assertThat(inputs.get(1).path("path").asText()).isEqualTo(w.toString());
    assertThat(inputs.get(1).path("sha256").asText()).isEqualTo(sha256(w));

    String metrics = Files.readString(out.resolve("metrics.csv"));
    assertThat(CliHarness.run("run", spec.toString(), "--out", out.toString()).out())
        .contains("skipped");
    Files.writeString(mdp, MDP.replace("[[0,0],[1,1]]", "[[0,0],[1,0]]"));
    assertRefused(
        CliHarness.run("run", spec.toString(), "--out", out.toString()),
        mdp.toString(),
        "changed since the finished run",
        "--force");
    assertThat(Files.readString(out.resolve("metrics.csv"))).isEqualTo(metrics);

    CliHarness.Outcome forced =
        CliHarness.run("run", spec.toString(), "--out", out.toString(), "--force");
    assertThat(forced.status()).as(forced.err()).isZero();
    List<Path> aside;
    try (Stream<Path> s = Files.list(out)) {
      aside = s.filter(p -> p.getFileName().toString().startsWith("replaced-")).toList();
    }
    assertThat(aside).hasSize(1);
    assertThat(Files.readString(aside.get(0).resolve("metrics.csv"))).isEqualTo(metrics);
    assertThat(
            JSON.readTree(out.resolve("manifest.json").toFile())
                .path("inputs")
                .get(0)
                .path("sha256")
                .asText())
        .isEqualTo(sha256(mdp));
    assertThat(Files.readString(out.resolve("metrics.csv"))).isNotEqualTo(metrics);
  }

  @Test
  void foreignFoldersAreRefusedAndLeftAlone() throws IOException {
    Path spec = fileSpec();
    Path mine = tmp.resolve("mine");
    Files.createDirectories(mine);
    Files.writeString(mine.resolve("metrics.csv"), "my own numbers\n");
    assertRefused(
        CliHarness.run("run", spec.toString(), "--out", mine.toString()),
        mine.toString(),
        "neither a fednpg manifest nor a fednpg lock file",
        "metrics.csv");
    assertThat(Files.readString(mine.resolve("metrics.csv"))).isEqualTo("my own numbers\n");

    Path other = tmp.resolve("other");
    Files.createDirectories(other);
    Files.writeString(other.resolve("manifest.json"), "{\"format\": \"someone-else/3\"}");
    assertRefused(
        CliHarness.run("run", spec.toString(), "--out", other.toString()),
        "not a fednpg-run/1 manifest",
        "someone-else/3");
    assertThat(Files.readString(other.resolve("manifest.json")))
        .isEqualTo("{\"format\": \"someone-else/3\"}");

    Path notes = tmp.resolve("notes");
    Files.createDirectories(notes);
    Files.writeString(notes.resolve("notes.txt"), "x");
    assertRefused(
        CliHarness.run("run", spec.toString(), "--out", notes.toString()),
        "holds files fednpg did not write (notes.txt)");

    Path sweep = tmp.resolve("sweep.yaml");
    Files.writeString(sweep, Files.readString(spec) + "sweep:\n  seed: [1, 2]\n");
    assertRefused(
        CliHarness.run("run", sweep.toString(), "--out", notes.toString()), "sweep", "notes.txt");
    try (Stream<Path> s = Files.list(notes)) {
      assertThat(s.count()).isEqualTo(1);
    }
  }

  /** A crashed run with a checkpoint at iteration 20 and partial metrics up to 26. */
  private Path crashed(String name) throws IOException {
    Path spec = tmp.resolve("long.yaml");
    Files.writeString(spec, CRASHING);
    Path dir = tmp.resolve(name);
    CrashingEvaluatorProvider.ARMED.set(true);
    CliHarness.Outcome crash =
        CliHarness.run("run", spec.toString(), "--out", dir.toString(), "--checkpoint-every", "10");
    CrashingEvaluatorProvider.ARMED.set(false);
    assertThat(crash.err()).contains("simulated crash at iteration 27");
    assertThat(dir.resolve("checkpoint.bin")).exists();
    return dir;
  }

  private CliHarness.Outcome resume(Path dir, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                tmp.resolve("long.yaml").toString(),
                "--out",
                dir.toString(),
                "--checkpoint-every",
                "10",
                "--resume"));
    args.addAll(List.of(more));
    return CliHarness.run(args.toArray(String[]::new));
  }

  /** Rewrites checkpoint.bin's trailing SHA-256 so that only the edited field is wrong. */
  private static void rehash(byte[] b) throws NoSuchAlgorithmException {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    md.update(b, 0, b.length - 32);
    System.arraycopy(md.digest(), 0, b, b.length - 32, 32);
  }

  @Test
  void damagedCheckpointsAreRefusedNamingWhatIsWrong() throws Exception {
    Path dir = crashed("cp");
    Path cp = dir.resolve("checkpoint.bin");
    byte[] good = Files.readAllBytes(cp);
    // layout (CheckpointFiles): magic 0-3, version 4-7, body length 8-15, spec hash 16-47,
    // iteration 48-55, elapsed, messages, bytes, agent count at 80-83, agent 0 samples 84-91,
    // its table count 92-95, first table name length 96-97
    assertThat(ByteBuffer.wrap(good, 48, 8).getLong()).isEqualTo(20);

    byte[] iteration = good.clone();
    ByteBuffer.wrap(iteration, 48, 8).putLong(10);
    Files.write(cp, iteration);
    assertRefused(resume(dir), "checkpoint.bin", "checksum mismatch");

    byte[] flipped = good.clone();
    flipped[200] ^= 1;
    Files.write(cp, flipped);
    assertRefused(resume(dir), "checksum mismatch");

    Files.write(cp, java.util.Arrays.copyOf(good, good.length - 100));
    assertRefused(resume(dir), "the header promises a body of");

    byte[] length = good.clone();
    ByteBuffer.wrap(length, 8, 8).putLong(Long.MAX_VALUE);
    Files.write(cp, length);
    assertRefused(resume(dir), "the header promises a body of " + Long.MAX_VALUE);

    byte[] version = good.clone();
    ByteBuffer.wrap(version, 4, 4).putInt(1);
    Files.write(cp, version);
    assertRefused(resume(dir), "checkpoint format version 1");

    // forged counts with a valid checksum: refused by the bounds checks, never allocated
    for (int count : new int[] {-1, Integer.MAX_VALUE}) {
      byte[] agents = good.clone();
      ByteBuffer.wrap(agents, 80, 4).putInt(count);
      rehash(agents);
      Files.write(cp, agents);
      assertRefused(resume(dir), "agent count");
    }
    byte[] table = good.clone();
    int nameLength = ByteBuffer.wrap(table, 96, 2).getShort();
    ByteBuffer.wrap(table, 98 + nameLength, 4).putInt(Integer.MAX_VALUE);
    rehash(table);
    Files.write(cp, table);
    assertRefused(resume(dir), "length " + Integer.MAX_VALUE + " needs at least");

    assertThat(dir.resolve("metrics.csv")).doesNotExist();
    Files.write(cp, good);
    CliHarness.Outcome ok = resume(dir);
    assertThat(ok.status()).as(ok.err()).isZero();
  }

  @Test
  void damagedPartialMetricsAreRefusedAndForceStartsOver() throws Exception {
    Path dir = crashed("pm");
    Path partial = dir.resolve("metrics.csv.tmp");
    List<String> good = Files.readAllLines(partial);
    assertThat(good.get(0)).isEqualTo(String.join(",", MetricsCsv.COLUMNS));
    assertThat(good.get(6)).startsWith("5,");

    List<String> missing = new ArrayList<>(good);
    missing.remove(6);
    Files.write(partial, missing);
    assertRefused(
        resume(dir), "metrics.csv.tmp line 7", "iteration 6 where iteration 5", "a row is missing");

    List<String> repeated = new ArrayList<>(good);
    repeated.add(6, good.get(5));
    Files.write(partial, repeated);
    assertRefused(resume(dir), "iteration 4 where iteration 5", "repeats");

    List<String> garbled = new ArrayList<>(good);
    garbled.set(9, garbled.get(9).replaceFirst(",[^,]+,", ",0.4x2,"));
    Files.write(partial, garbled);
    assertRefused(resume(dir), "line 10 column value", "0.4x2");

    Files.write(partial, good.subList(0, 15));
    assertRefused(resume(dir), "ends after 14 rows", "iteration 20");

    Files.write(partial, good.subList(1, good.size()));
    assertRefused(resume(dir), "line 1 is not the metrics header");

    Files.delete(partial);
    assertRefused(resume(dir), "metrics.csv.tmp: missing");
    assertThat(dir.resolve("metrics.csv")).doesNotExist();

    CliHarness.Outcome over = resume(dir, "--force");
    assertThat(over.status()).as(over.err()).isZero();
    Path whole = tmp.resolve("whole");
    assertThat(
            CliHarness.run("run", tmp.resolve("long.yaml").toString(), "--out", whole.toString())
                .status())
        .isZero();
    assertThat(withoutElapsed(dir.resolve("metrics.csv")))
        .isEqualTo(withoutElapsed(whole.resolve("metrics.csv")));
    try (Stream<Path> s = Files.list(dir)) {
      Path aside =
          s.filter(p -> p.getFileName().toString().startsWith("replaced-"))
              .findFirst()
              .orElseThrow();
      assertThat(aside.resolve("checkpoint.bin")).exists();
    }
  }

  private static List<String> withoutElapsed(Path csv) throws IOException {
    int column = MetricsCsv.COLUMNS.indexOf("elapsed_ms");
    return Files.readAllLines(csv).stream()
        .map(
            line -> {
              String[] cells = line.split(",", -1);
              cells[column] = "";
              return String.join(",", cells);
            })
        .collect(Collectors.toList());
  }

  @Test
  void tenMillionAgentsAreRefusedBeforeAnythingIsBuilt() throws IOException {
    Path spec = tmp.resolve("big.yaml");
    Files.writeString(
        spec,
        "environment: {type: garnet, agents: 10000000}\n"
            + "topology: {type: ring}\nalgorithm: {type: fednpg}\n");
    Path out = tmp.resolve("big-out");
    // 10^7 agents x 30 states x 4 actions x 4 tables x 8 bytes = 38.4 GB
    assertRefused(
        CliHarness.run("run", spec.toString(), "--out", out.toString()),
        "environment.agents = 10000000",
        "memory estimate 38.4 GB",
        "max heap");
    assertThat(out).doesNotExist();
  }

  @Test
  void aMillionCellSweepIsRefusedAndTheCapIsAnOption() throws IOException {
    StringBuilder a = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      a.append(i == 0 ? "" : ", ").append(i);
    }
    Path spec = tmp.resolve("huge.yaml");
    Files.writeString(
        spec,
        "environment: {type: test-two-state}\ntopology: {type: complete}\n"
            + "algorithm: {type: fednpg}\nsweep:\n  seed: ["
            + a
            + "]\n  iterations: ["
            + a
            + "]\n");
    assertRefused(
        CliHarness.run("run", spec.toString(), "--out", tmp.resolve("o").toString()),
        "sweep: 1000000 cells (1000 (seed) x 1000 (iterations))",
        "limit of 100000");

    Path small = tmp.resolve("small.yaml");
    Files.writeString(
        small,
        "iterations: 2\nenvironment: {type: test-two-state}\n"
            + "topology: {type: complete}\nalgorithm: {type: fednpg}\nsweep:\n  seed: [1, 2, 3]\n");
    assertRefused(
        CliHarness.run(
            "run", small.toString(), "--out", tmp.resolve("s").toString(), "--max-cells", "2"),
        "3 cells",
        "limit of 2");
    assertThat(
            CliHarness.run(
                    "run",
                    small.toString(),
                    "--out",
                    tmp.resolve("s").toString(),
                    "--max-cells",
                    "3")
                .status())
        .isZero();
  }

  @ParameterizedTest(name = "{0} as /dev/zero")
  @ValueSource(strings = {"spec", "environment", "topology", "edges"})
  void devicesAreRefusedAsInputFiles(String which) throws IOException {
    assumeTrue(Files.exists(Path.of("/dev/zero")));
    assertRefused(runWithPath(which, Path.of("/dev/zero")), "/dev/zero", "not a regular file");
  }

  @Test
  void aFifoIsRefusedAsAnInputFile() throws Exception {
    Path fifo = tmp.resolve("pipe");
    Process p;
    try {
      p = new ProcessBuilder("mkfifo", fifo.toString()).start();
    } catch (IOException e) {
      assumeTrue(false, "no mkfifo here");
      return;
    }
    assumeTrue(p.waitFor() == 0 && Files.exists(fifo));
    for (String which : List.of("spec", "environment", "topology", "edges")) {
      assertRefused(runWithPath(which, fifo), fifo.toString(), "not a regular file");
    }
  }

  private CliHarness.Outcome runWithPath(String which, Path file) throws IOException {
    Files.writeString(tmp.resolve("mdp.json"), MDP);
    Files.writeString(tmp.resolve("W.csv"), W);
    String env = which.equals("environment") ? file.toString() : "mdp.json";
    String topology =
        switch (which) {
          case "topology" -> "{type: file, path: '" + file + "'}";
          case "edges" -> "{type: edges, path: '" + file + "'}";
          default -> "{type: file, path: W.csv}";
        };
    Path spec = tmp.resolve("p.yaml");
    Files.writeString(
        spec,
        "iterations: 2\nenvironment: {type: file, path: '"
            + env
            + "'}\n"
            + "topology: "
            + topology
            + "\nalgorithm: {type: fednpg}\n");
    return CliHarness.run(
        "run",
        which.equals("spec") ? file.toString() : spec.toString(),
        "--out",
        tmp.resolve("dev-out").toString());
  }

  @Test
  void oversizedSpecsAndValuesAreRefusedWithoutEchoingThem() throws IOException {
    Path spec = tmp.resolve("huge.yaml");
    Files.writeString(spec, "name: x\n# " + "y".repeat(1 << 20) + "\n");
    assertRefused(CliHarness.run("run", spec.toString()), "spec file", "limit of 1048576 bytes");

    Path value = tmp.resolve("value.yaml");
    Files.writeString(value, "name: " + "n".repeat(200_000) + "\n");
    CliHarness.Outcome o = CliHarness.run("run", value.toString());
    assertRefused(o, "key 'name'", "200000 characters", "limit of 4096");
    assertThat(o.err().length()).isLessThan(400);
  }

  @Test
  void runtimeOptionsMergeIntoTheSpecsRuntimeBlock() throws IOException {
    Path spec = tmp.resolve("rt.yaml");
    Files.writeString(
        spec,
        "iterations: 3\nenvironment: {type: test-two-state}\n"
            + "topology: {type: complete}\nalgorithm: {type: fednpg}\n"
            + "runtime: {type: pekko, drop: 0.25, timeout_s: 33}\n");
    Path out = tmp.resolve("rt-out");
    CliHarness.Outcome o =
        CliHarness.run("run", spec.toString(), "--out", out.toString(), "--runtime", "pekko");
    assertThat(o.status()).as(o.err()).isZero();
    JsonNode runtime =
        JSON.readTree(out.resolve("manifest.json").toFile()).path("cell_spec").path("runtime");
    assertThat(runtime.path("type").asText()).isEqualTo("pekko");
    assertThat(runtime.path("drop").asDouble()).isEqualTo(0.25);
    assertThat(runtime.path("timeout_s").asLong()).isEqualTo(33);
  }
}
