package org.fednpg.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.ClusterSharding;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.apache.pekko.pattern.Patterns;
import org.fednpg.cluster.internal.AgentHost;
import org.fednpg.cluster.internal.AgentSharding;
import org.fednpg.cluster.internal.CoordinatorBridge;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.testing.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A member is up before its shard region has registered with the coordinator; agents placed in that
 * window would all land on the nodes registered so far (a run in CI once put all 12 agents of a
 * three-node test on one node). Before it places a generation the engine waits until the
 * coordinator knows a region on every live agent node, and says which node it gave up on after its
 * timeout. Here an agent node joins with its region started only later, by hand.
 */
class RegionRegistrationTest {

  @Test
  @Timeout(90)
  void placementWaitsForTheRegionOfEveryLiveAgentNode() throws Exception {
    ClusterNode a =
        ClusterNode.start(
            Plugins.registry(),
            "127.0.0.1",
            0,
            List.of(),
            AgentSharding.ROLE,
            ConfigFactory.empty());
    ActorSystem<Void> late = null;
    LogCapture log = LogCapture.of(PekkoRunEngine.class);
    try {
      late = lateAgentNode(a.address());
      a.awaitUp(2, Duration.ofSeconds(30));
      Address lateAddress = Cluster.get(late).selfMember().address();

      // the late node is up, its region does not exist: a short wait gives up and names it
      PekkoRunEngine.awaitRegions(a.system(), Duration.ofSeconds(1));
      assertThat(knownRegions(a)).doesNotContain(lateAddress);
      assertThat(log.events())
          .anySatisfy(
              e -> {
                assertThat(e.getLevel()).isEqualTo(Level.WARN);
                assertThat(e.getFormattedMessage())
                    .contains("knows no agent region on")
                    .contains(lateAddress.toString());
              });

      // the region starts two seconds from now: the wait returns only once it is registered
      log.clear();
      ActorSystem<Void> starting = late;
      Thread starter =
          new Thread(
              () -> {
                try {
                  Thread.sleep(2000);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                AgentSharding.init(
                    starting,
                    new AgentHost(
                        Plugins.registry(),
                        CoordinatorBridge.hostPort(Cluster.get(starting).selfMember().address())));
              },
              "late-region");
      starter.start();
      PekkoRunEngine.awaitRegions(a.system(), Duration.ofSeconds(60));
      assertThat(knownRegions(a)).contains(lateAddress, addressOf(a));
      assertThat(log.events()).noneMatch(e -> e.getLevel() == Level.WARN);
      starter.join();
    } finally {
      log.close();
      if (late != null) {
        late.terminate();
      }
      a.close();
    }
  }

  /** An agent-role member of a's cluster whose shard region is not started. */
  private static ActorSystem<Void> lateAgentNode(String seed) {
    Config config =
        ConfigFactory.parseString(
                "pekko.remote.artery.canonical.hostname = \"127.0.0.1\"\n"
                    + "pekko.remote.artery.canonical.port = 0\n"
                    + "pekko.cluster.roles = [\""
                    + AgentSharding.ROLE
                    + "\"]\n")
            .withFallback(ConfigFactory.parseResources("fednpg-cluster.conf"))
            .withFallback(ConfigFactory.load())
            .resolve();
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), ClusterNode.SYSTEM, config);
    Address seedAddress = Address.apply("pekko", ClusterNode.SYSTEM, "127.0.0.1", port(seed));
    Cluster.get(system).manager().tell(new JoinSeedNodes(List.of(seedAddress)));
    return system;
  }

  private static int port(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  private static Address addressOf(ClusterNode node) {
    return Cluster.get(node.system()).selfMember().address();
  }

  /** The regions the coordinator knows, asked through a's region. */
  private static Set<Address> knownRegions(ClusterNode a) throws Exception {
    Object reply =
        Patterns.ask(
                ClusterSharding.get(Adapter.toClassic(a.system()))
                    .shardRegion(AgentSharding.KEY.name()),
                ShardRegion.getCurrentRegionsInstance(),
                Duration.ofSeconds(5))
            .toCompletableFuture()
            .get();
    return ((ShardRegion.CurrentRegions) reply).getRegions();
  }
}
