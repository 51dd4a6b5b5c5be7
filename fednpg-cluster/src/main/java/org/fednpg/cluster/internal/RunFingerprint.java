package org.fednpg.cluster.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.fednpg.api.model.MixingMatrix;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;
import org.fednpg.api.model.TransitionKernel;
import org.fednpg.api.run.Algorithm;
import org.fednpg.core.run.AssembledRun;

/**
 * A SHA-256 digest of what a node built from a run's spec: the model (kernel, γ, ρ, every
 * reward), W^(0), the algorithm's kind and facts, and every component's resolved parameters. Every node rebuilds the run from the spec,
 * so a node that sees other files at the spec's paths, other plugins or another build would
 * silently compute a different run; comparing digests turns that into a clear failure.
 */
public final class RunFingerprint {

  private RunFingerprint() {}

  /** The digest of an assembled run, as hex. */
  public static String of(AssembledRun run) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
    MultiTaskMdp mdp = run.mdp();
    TransitionKernel k = mdp.kernel();
    ByteBuffer b = ByteBuffer.allocate(8);
    for (int v : k.rowPointerCopy()) {
      md.update(b.clear().putLong(v).array());
    }
    for (int v : k.nextStatesCopy()) {
      md.update(b.clear().putLong(v).array());
    }
    for (double v : k.probabilitiesCopy()) {
      md.update(b.clear().putDouble(v).array());
    }
    md.update(b.clear().putDouble(mdp.gamma()).array());
    for (double v : mdp.initialCopy()) {
      md.update(b.clear().putDouble(v).array());
    }
    for (RewardTable r : mdp.rewards()) {
      for (double v : r.toArray()) {
        md.update(b.clear().putDouble(v).array());
      }
    }
    if (run.topology() != null) {
      MixingMatrix w = run.topology().mixing(0);
      for (double[] row : w.toArray()) {
        for (double v : row) {
          md.update(b.clear().putDouble(v).array());
        }
      }
    }
    Algorithm a = run.algorithm();
    md.update((a.getClass().getName() + "|" + a.agents().size() + "|"
        + a.exchangesPerIteration() + "|" + a.tau() + "|" + a.manifestInfo() + "|"
        + run.resolved()).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(md.digest());
  }
}
