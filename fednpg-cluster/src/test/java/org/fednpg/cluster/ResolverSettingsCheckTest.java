package org.fednpg.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.cluster.Invalid;
import org.apache.pekko.cluster.Valid$;
import org.fednpg.api.FedNpgException;
import org.fednpg.cluster.internal.ResolverSettingsCheck;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every member resolves alike: a member whose split-brain resolver settings differ from the
 * cluster's is refused when it joins, with an error naming the settings, instead of joining and
 * later, as the cluster leader, letting the others down every member after a node loss.
 */
class ResolverSettingsCheckTest {

  private static final Config SHORT =
      ConfigFactory.parseString("pekko.cluster.split-brain-resolver.stable-after = 4s");

  @Test
  void equalSettingsPassAndADifferentStableAfterIsNamed() {
    Config defaults = ConfigFactory.parseResources("fednpg-cluster.conf").resolve();
    Config shorter = SHORT.withFallback(defaults);
    ResolverSettingsCheck check = new ResolverSettingsCheck();

    assertThat(check.check(defaults, defaults)).isEqualTo(Valid$.MODULE$);
    assertThat(check.check(shorter, shorter)).isEqualTo(Valid$.MODULE$);
    Object refused = check.check(shorter, defaults);
    assertThat(refused).isInstanceOf(Invalid.class);
    assertThat(((Invalid) refused).errorMessages().mkString(" "))
        .contains("pekko.cluster.split-brain-resolver.stable-after");
  }

  @Test
  void theShippedConfigurationRegistersTheCheck() {
    Config defaults = ConfigFactory.parseResources("fednpg-cluster.conf").resolve();
    assertThat(
            defaults.getString(
                "pekko.cluster.configuration-compatibility-check.checkers.fednpg-resolver"))
        .isEqualTo(ResolverSettingsCheck.class.getName());
  }

  @Test
  @Timeout(60)
  void aMemberWithOtherResolverSettingsIsRefusedWithAClearError() throws Exception {
    ClusterNode seed =
        ClusterNode.start(
            Plugins.registry(), "127.0.0.1", 0, List.of(), ClusterNode.CLIENT_ROLE, SHORT);
    try {
      seed.awaitUp(0, Duration.ofSeconds(30));
      // the default settings (stable-after 20 s), as a `fednpg run --cluster` submitter has them
      ClusterNode joiner =
          ClusterNode.start(
              Plugins.registry(),
              "127.0.0.1",
              0,
              List.of(seed.address()),
              ClusterNode.CLIENT_ROLE,
              ConfigFactory.empty());
      try {
        long start = System.nanoTime();
        assertThatThrownBy(() -> joiner.awaitUp(0, Duration.ofSeconds(40)))
            .isInstanceOf(FedNpgException.class)
            .hasMessageContaining("refused by the cluster")
            .hasMessageContaining("split-brain-resolver.stable-after");
        // refused at once, not after the wait for the cluster ran out
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        // `fednpg node` exits with awaitExit's status and logs why, in the same words
        List<String> errors;
        // ClusterNode logs nothing in tests (OFF in logback-test.xml): capture it at ERROR
        try (LogCapture log = LogCapture.of(ClusterNode.class, Level.ERROR)) {
          assertThat(joiner.awaitExit()).isEqualTo(ClusterNode.EXIT_ABNORMAL);
          errors = log.messages();
        }
        assertThat(errors)
            .anyMatch(m -> m.contains("refused by the cluster") && m.contains("stable-after"));
      } finally {
        joiner.close();
      }
    } finally {
      seed.close();
    }
  }
}
