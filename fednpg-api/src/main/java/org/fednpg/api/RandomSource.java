package org.fednpg.api;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * A node of the seed tree: every random stream in fednpg is derived from the master seed by a path
 * of purposes and indices ({@code root.child("evaluator").child(agent).child(iteration)}), so
 * streams never depend on thread scheduling or on how many draws another component made. Derivation
 * mixes with the SplitMix64 finaliser; equal paths give equal streams.
 */
public final class RandomSource {

  private final long seed;

  private RandomSource(long seed) {
    this.seed = seed;
  }

  /** The root of a run's seed tree. */
  public static RandomSource of(long masterSeed) {
    return new RandomSource(mix(masterSeed ^ 0x3C6EF372FE94F82AL));
  }

  /** A child for a named purpose (e.g. {@code "environment"}, {@code "noise"}). */
  public RandomSource child(String purpose) {
    long h = 0xcbf29ce484222325L;
    for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return new RandomSource(mix(seed + mix(h)));
  }

  /** A child for an index (agent, iteration, cell...). */
  public RandomSource child(long index) {
    return new RandomSource(mix(seed ^ mix(index + 0x9E3779B97F4A7C15L)));
  }

  /** This node's derived seed. */
  public long seed() {
    return seed;
  }

  /** A fresh generator for this node; each call returns an identical, independent copy. */
  public SplittableRandom random() {
    return new SplittableRandom(seed);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public String toString() {
    return "RandomSource[" + Long.toHexString(seed) + "]";
  }
}
