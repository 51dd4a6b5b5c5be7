package org.fednpg.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.fednpg.api.InvalidInputException;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.runtime.InProcessRuntimeProvider;
import org.junit.jupiter.api.Test;

/** Discovery of the provider and validation of its parameters (no cluster is started). */
class PekkoRuntimeProviderTest {

  @Test
  void discoveredNextToTheDefault() {
    assertThat(Plugins.registry().runtime(PekkoRuntimeProvider.NAME))
        .isInstanceOf(PekkoRuntimeProvider.class);
    assertThat(Plugins.registry().runtime(InProcessRuntimeProvider.NAME)).isNotNull();
  }

  @Test
  void refusesBadParameters() {
    assertThatThrownBy(() -> ClusterTestRuns.pekko(Map.of("drop", 1.0)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("drop");
    assertThatThrownBy(() -> ClusterTestRuns.pekko(Map.of("drop", -0.1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("drop");
    assertThatThrownBy(() -> ClusterTestRuns.pekko(Map.of("nodes", 0L)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("nodes");
    assertThatThrownBy(() -> ClusterTestRuns.pekko(Map.of("cluster", "localhost")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("host:port");
    assertThatThrownBy(() -> ClusterTestRuns.pekko(Map.of("cluster", "localhost:99999")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("localhost:99999");
    assertThatThrownBy(() -> ClusterTestRuns.pekko(Map.of("count", "bits")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("count");
  }
}
