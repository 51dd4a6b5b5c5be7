package org.fednpg.envs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.fednpg.api.model.GenerativeModel;
import org.fednpg.api.model.KernelSampler;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.TransitionKernel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Next-state and initial-state frequencies of both samplers match P and ρ by Pearson's chi-square
 * test. Each check rejects when its p-value is below {@link #ALPHA}; the test makes 3·ROWS + 2 = 26
 * checks per sampler, so a correct sampler fails a given seed with probability ≤ 26·ALPHA = 2.6e-5.
 * The seeds are fixed, so the outcome is reproducible.
 */
class GenerativeModelTest {

  private static final double ALPHA = 1e-6;
  private static final int ROWS = 8;
  private static final int DRAWS = 20_000;

  private static GenerativeModel sampler(String kind, MultiTaskMdp mdp) {
    Map<String, Function<MultiTaskMdp, GenerativeModel>> kinds =
        Map.of("alias", AliasGenerativeModel::new, "bisection", KernelSampler::new);
    return kinds.get(kind).apply(mdp);
  }

  @ParameterizedTest
  @ValueSource(strings = {"alias", "bisection"})
  void nextStateFrequenciesMatchTheKernel(String kind) {
    MultiTaskMdp garnet =
        TestSupport.create(
                new GarnetProvider(), Map.of("states", 21, "actions", 2, "branching", 5), 4)
            .mdp();
    MultiTaskMdp lake =
        TestSupport.create(
                new org.fednpg.envs.classic.FrozenLakeProvider(), Map.of("map", "8x8"), 4)
            .mdp();
    MultiTaskMdp dense =
        TestSupport.create(
                new GarnetProvider(), Map.of("states", 40, "actions", 1, "branching", 40), 9)
            .mdp();
    SplittableRandom rng = new SplittableRandom(20240601L + kind.hashCode());
    for (MultiTaskMdp mdp : new MultiTaskMdp[] {garnet, lake, dense}) {
      GenerativeModel model = sampler(kind, mdp);
      TransitionKernel k = mdp.kernel();
      int[] nextStates = k.nextStatesCopy();
      int checked = 0;
      // Every 7th (s, a) row with at least two next states, ROWS of them.
      for (int sa = 0; checked < ROWS; sa = (sa + 7) % (mdp.states() * mdp.actions())) {
        int s = sa / mdp.actions();
        int a = sa % mdp.actions();
        int lo = k.rowStart(s, a);
        int b = k.rowEnd(s, a) - lo;
        if (b < 2) {
          continue;
        }
        long[] observed = new long[b];
        double[] p = new double[b];
        for (int j = 0; j < b; j++) {
          p[j] = k.probability(lo + j);
        }
        for (int i = 0; i < DRAWS; i++) {
          int next = model.nextState(s, a, rng);
          int j = java.util.Arrays.binarySearch(nextStates, lo, lo + b, next) - lo;
          assertThat(j).as("drew a state outside the support").isBetween(0, b - 1);
          observed[j]++;
        }
        double pValue = ChiSquare.survival(ChiSquare.statistic(observed, p), b - 1);
        assertThat(pValue).as("%s %s row (%d,%d)", kind, mdp.name(), s, a).isGreaterThan(ALPHA);
        checked++;
      }
    }
    checkInitial(kind, garnet, rng);
    checkInitial(
        kind,
        TestSupport.create(new org.fednpg.envs.classic.TaxiProvider(), Map.of(), 1).mdp(),
        rng);
  }

  private static void checkInitial(String kind, MultiTaskMdp mdp, SplittableRandom rng) {
    GenerativeModel model = sampler(kind, mdp);
    long[] observed = new long[mdp.states()];
    int support = 0;
    for (int s = 0; s < mdp.states(); s++) {
      support += mdp.initial(s) > 0 ? 1 : 0;
    }
    int draws = 100 * support;
    for (int i = 0; i < draws; i++) {
      int s = model.initialState(rng);
      assertThat(mdp.initial(s)).as("initial state %d outside ρ's support", s).isPositive();
      observed[s]++;
    }
    long[] obs = new long[support];
    double[] p = new double[support];
    int j = 0;
    for (int s = 0; s < mdp.states(); s++) {
      if (mdp.initial(s) > 0) {
        obs[j] = observed[s];
        p[j++] = mdp.initial(s);
      }
    }
    double pValue = ChiSquare.survival(ChiSquare.statistic(obs, p), support - 1);
    assertThat(pValue).as("%s initial %s", kind, mdp.name()).isGreaterThan(ALPHA);
  }

  /** The check has power: uniform sampling over a non-uniform row's support is rejected. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void theChiSquareCheckRejectsAWrongSampler(int seed) {
    MultiTaskMdp garnet =
        TestSupport.create(
                new GarnetProvider(), Map.of("states", 21, "actions", 2, "branching", 5), seed)
            .mdp();
    TransitionKernel k = garnet.kernel();
    int lo = k.rowStart(0, 0);
    long[] observed = new long[5];
    double[] p = new double[5];
    SplittableRandom rng = new SplittableRandom(seed);
    for (int j = 0; j < 5; j++) {
      p[j] = k.probability(lo + j);
    }
    for (int i = 0; i < DRAWS; i++) {
      observed[rng.nextInt(5)]++;
    }
    assertThat(ChiSquare.survival(ChiSquare.statistic(observed, p), 4)).isLessThan(ALPHA);
  }
}
