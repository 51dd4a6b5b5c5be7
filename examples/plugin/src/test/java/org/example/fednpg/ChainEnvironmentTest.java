package org.example.fednpg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.fednpg.api.EnvironmentProvider;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.testkit.EnvironmentContract;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;

/** {@code chain} passes the environment contract; its end state is worth 1/(1−γ). */
class ChainEnvironmentTest extends EnvironmentContract {

  @Override
  protected EnvironmentProvider provider() {
    return new ChainEnvironmentProvider();
  }

  @Override
  protected Map<String, Object> multiAgentParameters() {
    return Map.of("states", 7, "agents", 4, "slip", 0.2);
  }

  @Test
  void theKernelMovesAsDocumented() {
    MultiTaskMdp mdp = build(Map.of("states", 4, "slip", 0.25), 1).mdp();
    assertThat(mdp.kernel().probability(1, 1, 2)).isCloseTo(0.75, within(Tolerances.EXACT));
    assertThat(mdp.kernel().probability(1, 1, 1)).isCloseTo(0.25, within(Tolerances.EXACT));
    assertThat(mdp.kernel().probability(0, 0, 0)).isEqualTo(1.0);
    assertThat(mdp.reward(2).get(0, 0)).isEqualTo(0.75);
  }
}
