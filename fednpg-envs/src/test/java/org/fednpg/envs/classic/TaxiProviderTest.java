package org.fednpg.envs.classic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.envs.TestSupport;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;

class TaxiProviderTest {

  protected EnvironmentProvider provider() {
    return new TaxiProvider();
  }

  protected Map<String, Object> multiAgentParameters() {
    return Map.of("agents", 3, "split", "perturb");
  }

  @Test
  void hasGymnasiumSizesEncodingAndInitialDistribution() {
    MultiTaskMdp mdp = TaxiProvider.model(0.99);
    assertThat(mdp.states()).isEqualTo(500);
    assertThat(mdp.actions()).isEqualTo(6);
    // Gymnasium's Taxi documentation: encode(3, 1, 2, 0) = 328.
    assertThat(TaxiProvider.encode(3, 1, 2, 0)).isEqualTo(328);
    int support = 0;
    for (int s = 0; s < 500; s++) {
      if (mdp.initial(s) > 0) {
        support++;
        assertThat(mdp.initial(s)).isCloseTo(1.0 / 300, within(Tolerances.EXACT));
      }
    }
    assertThat(support).isEqualTo(300);
    assertThat(mdp.reward(0).min()).isEqualTo(-10.0);
    assertThat(mdp.reward(0).max()).isEqualTo(20.0);
  }

  @Test
  void movesWallsPickupAndDropoffFollowGymnasium() {
    MultiTaskMdp mdp = TaxiProvider.model(0.99);
    // At R (0,0), passenger at R (0), destination G (1): pickup puts the passenger in the taxi.
    int s = TaxiProvider.encode(0, 0, 0, 1);
    assertThat(mdp.kernel().probability(s, 4, TaxiProvider.encode(0, 0, 4, 1))).isEqualTo(1.0);
    assertThat(mdp.reward(0).get(s, 4)).isEqualTo(-1.0);
    // Dropoff without the passenger is illegal: −10, no change.
    assertThat(mdp.reward(0).get(s, 5)).isEqualTo(-10.0);
    assertThat(mdp.kernel().probability(s, 5, s)).isEqualTo(1.0);
    // A wall between (0,1) and (0,2): east from (0,1) stays.
    int t = TaxiProvider.encode(0, 1, 0, 1);
    assertThat(mdp.kernel().probability(t, 2, t)).isEqualTo(1.0);
    // Dropping the passenger at landmark Y (4,0) when the destination is G leaves them at Y.
    int y = TaxiProvider.encode(4, 0, 4, 1);
    assertThat(mdp.kernel().probability(y, 5, TaxiProvider.encode(4, 0, 2, 1))).isEqualTo(1.0);
    assertThat(mdp.reward(0).get(y, 5)).isEqualTo(-1.0);
    // Successful dropoff at G: +20, into the absorbing passenger-at-destination state.
    int g = TaxiProvider.encode(0, 4, 4, 1);
    int done = TaxiProvider.encode(0, 4, 1, 1);
    assertThat(mdp.reward(0).get(g, 5)).isEqualTo(20.0);
    assertThat(mdp.kernel().probability(g, 5, done)).isEqualTo(1.0);
    for (int a = 0; a < 6; a++) {
      assertThat(mdp.kernel().probability(done, a, done)).isEqualTo(1.0);
      assertThat(mdp.reward(0).get(done, a)).isEqualTo(0.0);
    }
  }

  /** One step from the dropoff: V* = −1 + 20γ; at the destination with the passenger: 20. */
  @Test
  void optimalValuesNearTheDestinationAreClosedForm() {
    double gamma = 0.9;
    MultiTaskMdp mdp = TestSupport.create(provider(), Map.of("gamma", gamma), 1).mdp();
    double[] v = TestSupport.valueIteration(mdp, mdp.averagedReward());
    assertThat(v[TaxiProvider.encode(0, 4, 4, 1)]).isCloseTo(20.0, within(Tolerances.EXACT));
    assertThat(v[TaxiProvider.encode(0, 3, 4, 1)])
        .isCloseTo(-1 + 20 * gamma, within(Tolerances.EXACT));
  }
}
