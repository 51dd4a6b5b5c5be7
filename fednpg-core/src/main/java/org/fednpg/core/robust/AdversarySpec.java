package org.fednpg.core.robust;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.RandomSource;

/**
 * The spec's {@code adversary} block (beyond the paper, our definitions): which agents misbehave
 * ({@code agents}, explicit ids, or {@code count}, f agents drawn once per run from the seed) and
 * how ({@code attack} with its parameter).
 *
 * @param agents explicit adversary ids, or null when {@code count} is given
 * @param count the number f of adversaries to draw, or null when {@code agents} is given
 * @param attack one of {@link Attack}'s names
 * @param scale c of {@code scaled}
 * @param sigma noise size of {@code random}
 * @param value the table entry of {@code constant}
 * @param lag iterations of delay of {@code stale}
 */
public record AdversarySpec(
    List<Integer> agents,
    Integer count,
    String attack,
    double scale,
    double sigma,
    double value,
    int lag) {

  /** Defaults of the attack parameters. */
  public static final double DEFAULT_SCALE = 3.0;

  public static final double DEFAULT_SIGMA = 1.0;
  public static final double DEFAULT_VALUE = 0.0;
  public static final int DEFAULT_LAG = 5;

  /**
   * Checks the block.
   *
   * @throws InvalidInputException naming the field and value
   */
  public AdversarySpec {
    if ((agents == null) == (count == null)) {
      throw new InvalidInputException(
          "adversary: give exactly one of 'agents' (a list of ids) and 'count' (a number f)");
    }
    if (count != null && count < 0) {
      throw new InvalidInputException("adversary: 'count' must be >= 0, got " + count);
    }
    if (agents != null) {
      agents = List.copyOf(agents);
    }
    Attack.of(attack);
    if (!Double.isFinite(scale) || !Double.isFinite(value)) {
      throw new InvalidInputException("adversary: 'scale' and 'value' must be finite");
    }
    if (!(sigma >= 0) || Double.isInfinite(sigma)) {
      throw new InvalidInputException(
          "adversary: 'sigma' must be a finite number >= 0, got " + sigma);
    }
    if (lag < 1) {
      throw new InvalidInputException("adversary: 'lag' must be >= 1, got " + lag);
    }
  }

  /** The attack. */
  public Attack kind() {
    return Attack.of(attack);
  }

  /**
   * The adversaries' ids, sorted, for a run of {@code n} agents: the explicit list, or f distinct
   * agents drawn uniformly with {@code seeds} (the run's {@code "adversary"} child).
   *
   * @throws InvalidInputException on an id out of range, a repeated id, or f &gt; n − 1
   */
  public int[] resolve(int n, RandomSource seeds) {
    int[] ids;
    if (agents != null) {
      ids = agents.stream().mapToInt(Integer::intValue).sorted().toArray();
      for (int i = 0; i < ids.length; i++) {
        if (ids[i] < 0 || ids[i] >= n) {
          throw new InvalidInputException(
              "adversary: agent id "
                  + ids[i]
                  + " is out of range, the run has agents 0.."
                  + (n - 1));
        }
        if (i > 0 && ids[i] == ids[i - 1]) {
          throw new InvalidInputException("adversary: agent id " + ids[i] + " is listed twice");
        }
      }
    } else {
      int f = count;
      if (f > n) {
        throw new InvalidInputException(
            "adversary: 'count' " + f + " exceeds the run's " + n + " agents");
      }
      int[] perm = new int[n];
      for (int i = 0; i < n; i++) {
        perm[i] = i;
      }
      SplittableRandom r = seeds.child("choice").random();
      for (int i = 0; i < f; i++) {
        int j = i + r.nextInt(n - i);
        int tmp = perm[i];
        perm[i] = perm[j];
        perm[j] = tmp;
      }
      ids = Arrays.copyOf(perm, f);
      Arrays.sort(ids);
    }
    if (ids.length >= n) {
      throw new InvalidInputException(
          "adversary: " + ids.length + " adversaries among " + n + " agents leave no honest agent");
    }
    return ids;
  }
}
