package org.fednpg.topologies;

import java.util.Locale;
import java.util.Map;
import org.fednpg.api.Topology;
import org.fednpg.api.model.MixingMatrix;

/**
 * Human-readable summary of a topology for the command line ({@code fednpg describe}): agents,
 * edges, degrees, σ, spectral gap, consensus time, the weight rule, and whether W is symmetric,
 * doubly stochastic and satisfies the paper's Assumption 3.1. Works for any {@link Topology}; for
 * topologies not built here the graph is the support of W^(0).
 */
public final class TopologyDescriptions {

  private TopologyDescriptions() {}

  /** Multi-line description, one fact per line, {@code key: value}. */
  public static String describe(Topology topology) {
    CommunicationGraph graph;
    String weights;
    Map<String, Object> report = topology.report();
    if (topology instanceof GraphTopology g) {
      graph = g.graph();
      weights = g.weightsRule();
    } else {
      MixingMatrix w = topology.mixing(0);
      graph = CommunicationGraph.supportOf(w);
      weights = String.valueOf(report.getOrDefault("weights", "(unknown)"));
    }
    double sigma = topology.sigma();
    StringBuilder b = new StringBuilder();
    line(b, "agents", Integer.toString(graph.size()));
    line(b, "edges", Integer.toString(graph.edgeCount()));
    line(
        b,
        "degrees",
        graph.minDegree() == graph.maxDegree()
            ? graph.minDegree() + " (regular)"
            : "min " + graph.minDegree() + ", max " + graph.maxDegree());
    line(b, "connected", Boolean.toString(graph.isConnected()));
    line(b, "weights", weights);
    for (String key :
        new String[] {"stochastic", "symmetric", "doubly_stochastic", "assumption_3_1"}) {
      Object v = report.get(key);
      if (v == null && !key.equals("stochastic")) {
        MixingMatrix w0 = topology.mixing(0);
        v =
            switch (key) {
              case "symmetric" -> MixingValidator.isSymmetric(w0);
              case "doubly_stochastic" -> MixingValidator.isDoublyStochastic(w0);
              default ->
                  MixingValidator.isSymmetric(w0)
                      && MixingValidator.isDoublyStochastic(w0)
                      && sigma < 1 - MixingValidator.SIGMA_MARGIN;
            };
      }
      if (v != null) {
        line(b, key.replace('_', ' ').replace("assumption 3 1", "assumption 3.1"), v.toString());
      }
    }
    line(b, "sigma", format(sigma));
    line(b, "spectral gap", format(Spectral.spectralGap(sigma)));
    if (report.get("second_eigenvalue") instanceof Double lambda) {
      line(b, "second eigenvalue modulus", format(lambda));
    }
    Object consensus = report.getOrDefault("consensus_time", Spectral.consensusRounds(sigma));
    line(
        b,
        "consensus time",
        consensus + " rounds to shrink disagreement by " + Spectral.CONSENSUS_EPSILON);
    if (topology.isTimeVarying()) {
      Object drop = report.get("drop");
      if (drop != null) {
        line(b, "link drop probability", drop.toString());
      }
      if (report.get("mean_sigma") instanceof Double m
          && report.get("mean_sigma_rounds") instanceof Number rounds) {
        line(b, "mean sigma", format(m) + " over rounds 0.." + (rounds.intValue() - 1));
      }
    }
    return b.toString();
  }

  private static void line(StringBuilder b, String key, String value) {
    b.append(key).append(": ").append(value).append('\n');
  }

  private static String format(double x) {
    return String.format(Locale.ROOT, "%.6g", x);
  }
}
