package org.fednpg.api.run;

/**
 * One row of {@code metrics.csv} (SPEC §5). Values that do not apply are {@code NaN} (written as
 * empty cells).
 *
 * @param iteration t
 * @param value V_τ^{π̄}(ρ) on the averaged reward
 * @param optimalityGap V_τ*(ρ) − value
 * @param qError ‖Q_τ* − Q_τ^{π̄}‖_∞
 * @param consensus max_n max_{s,a} |log π_n − log π̄|
 * @param agentValueMin min_n V_τ^{π_n}(ρ) on the averaged reward
 * @param agentValueMean mean_n V_τ^{π_n}(ρ) on the averaged reward
 * @param elapsedMs wall time since the run started
 * @param samples cumulative simulated transitions over all agents
 * @param bytesSent cumulative payload bytes sent between agents
 * @param messages cumulative messages sent between agents
 * @param honestTrackingDrift beyond the paper (issue 20), only with an adversary block: ‖(1/H)Σ_h
 *     T_h − (1/H)Σ_h q_h‖_∞ over the H honest agents' tracking tables T and local Q estimates q,
 *     NaN when not measured (no adversary block, no tracking table, or agents running elsewhere)
 */
public record IterationMetrics(
    long iteration,
    double value,
    double optimalityGap,
    double qError,
    double consensus,
    double agentValueMin,
    double agentValueMean,
    long elapsedMs,
    long samples,
    long bytesSent,
    long messages,
    double honestTrackingDrift) {

  /** A row without the honest tracking drift (NaN): every run without an adversary block. */
  public IterationMetrics(
      long iteration,
      double value,
      double optimalityGap,
      double qError,
      double consensus,
      double agentValueMin,
      double agentValueMean,
      long elapsedMs,
      long samples,
      long bytesSent,
      long messages) {
    this(
        iteration,
        value,
        optimalityGap,
        qError,
        consensus,
        agentValueMin,
        agentValueMean,
        elapsedMs,
        samples,
        bytesSent,
        messages,
        Double.NaN);
  }
}
