package org.fednpg.experiments.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.io.InputFiles;
import org.fednpg.api.run.IterationMetrics;

/**
 * A run's {@code manifest.json} ({@value #FORMAT}), written and read by Jackson. Non-finite numbers
 * are written as {@code null}. The plugin-provided blocks are the plugins' ordered maps, written as
 * reported; {@code environment}, {@code topology} and {@code theory} are read back as typed records
 * ({@link EnvironmentFacts}, {@link TopologyFacts}, {@link TheoryFacts}).
 *
 * @param format {@value #FORMAT}
 * @param spec the spec with every component's parameters resolved (defaults filled in)
 * @param seed master seed
 * @param version fednpg's version
 * @param git the git commit
 * @param java the Java runtime
 * @param agents N
 * @param states |S|
 * @param actions |A|
 * @param gamma γ
 * @param tau τ
 * @param sigma σ of the topology (null when the algorithm does not communicate)
 * @param optimalValue V_τ*(ρ), null when not finite
 * @param oracleSweeps value-iteration sweeps of the oracle
 * @param environment the environment's facts
 * @param topology the topology's report, or null
 * @param algorithm the algorithm's facts
 * @param theory the algorithm's step-size bounds and rates (omitted when empty)
 * @param elapsedMs wall time of the run
 * @param last the final metrics row
 * @param cellSpec the cell's spec as written (what "the same spec" is compared on)
 * @param inputs every input file the run read
 * @param plugins every plugin jar loaded (file, Implementation-Version, SHA-256; omitted when none)
 */
@JsonPropertyOrder({
  "format",
  "spec",
  "seed",
  "version",
  "git",
  "java",
  "agents",
  "states",
  "actions",
  "gamma",
  "tau",
  "sigma",
  "optimal_value",
  "oracle_sweeps",
  "environment",
  "topology",
  "algorithm",
  "theory",
  "elapsed_ms",
  "final",
  "cell_spec",
  "inputs",
  "plugins"
})
public record RunManifest(
    String format,
    Map<String, Object> spec,
    long seed,
    String version,
    String git,
    String java,
    int agents,
    int states,
    int actions,
    double gamma,
    double tau,
    Double sigma,
    @JsonProperty("optimal_value") Double optimalValue,
    @JsonProperty("oracle_sweeps") long oracleSweeps,
    EnvironmentFacts environment,
    TopologyFacts topology,
    Map<String, Object> algorithm,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) TheoryFacts theory,
    @JsonProperty("elapsed_ms") long elapsedMs,
    @JsonProperty("final") FinalRow last,
    @JsonProperty("cell_spec") Map<String, Object> cellSpec,
    List<InputFiles.InputFile> inputs,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Map<String, Object>> plugins) {

  /** The format tag. */
  public static final String FORMAT = "fednpg-run/1";

  /** Absent theory, inputs and plugins (older manifests) read as empty. */
  public RunManifest {
    theory = theory == null ? new TheoryFacts(Map.of()) : theory;
    inputs = inputs == null ? List.of() : List.copyOf(inputs);
    plugins = plugins == null ? List.of() : List.copyOf(plugins);
  }

  private static final ObjectMapper READER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * The final metrics row as the manifest records it (SPEC §5 names; null for non-finite).
   *
   * @param iteration t
   * @param value V
   * @param optimalityGap gap
   * @param qError ‖Q* − Q‖∞
   * @param consensus consensus error
   * @param agentValueMin min over agents
   * @param agentValueMean mean over agents
   * @param elapsedMs wall time
   * @param samples samples
   * @param bytesSent bytes
   * @param messages messages
   */
  @JsonPropertyOrder({
    "iteration",
    "value",
    "optimality_gap",
    "q_error",
    "consensus",
    "agent_value_min",
    "agent_value_mean",
    "elapsed_ms",
    "samples",
    "bytes_sent",
    "messages"
  })
  public record FinalRow(
      long iteration,
      Double value,
      @JsonProperty("optimality_gap") Double optimalityGap,
      @JsonProperty("q_error") Double qError,
      Double consensus,
      @JsonProperty("agent_value_min") Double agentValueMin,
      @JsonProperty("agent_value_mean") Double agentValueMean,
      @JsonProperty("elapsed_ms") long elapsedMs,
      long samples,
      @JsonProperty("bytes_sent") long bytesSent,
      long messages) {

    /** The row of {@code m}, non-finite numbers as null. */
    public static FinalRow of(IterationMetrics m) {
      return new FinalRow(
          m.iteration(),
          finite(m.value()),
          finite(m.optimalityGap()),
          finite(m.qError()),
          finite(m.consensus()),
          finite(m.agentValueMin()),
          finite(m.agentValueMean()),
          m.elapsedMs(),
          m.samples(),
          m.bytesSent(),
          m.messages());
    }

    /** Back to a metrics row, null as NaN. */
    public IterationMetrics toMetrics() {
      return new IterationMetrics(
          iteration,
          nan(value),
          nan(optimalityGap),
          nan(qError),
          nan(consensus),
          nan(agentValueMin),
          nan(agentValueMean),
          elapsedMs,
          samples,
          bytesSent,
          messages);
    }
  }

  /** {@code d}, or null when it is not finite (JSON has no NaN). */
  public static Double finite(double d) {
    return Double.isFinite(d) ? d : null;
  }

  private static double nan(Double d) {
    return d == null ? Double.NaN : d;
  }

  /** V_τ*(ρ), NaN when not recorded. */
  public double optimalValueOrNaN() {
    return nan(optimalValue);
  }

  /** The manifest as JSON text (indented, ending with a newline). */
  public String toJson() {
    return org.fednpg.experiments.spec.SpecWriter.toJson(this) + "\n";
  }

  /**
   * Reads a manifest.
   *
   * @throws InvalidInputException when it is not readable as one
   */
  public static RunManifest read(Path file) {
    try {
      return READER.readValue(file.toFile(), RunManifest.class);
    } catch (IOException e) {
      throw new InvalidInputException(
          file
              + ": unreadable manifest ("
              + e.getClass().getSimpleName()
              + "); move the folder away to rerun",
          e);
    }
  }
}
