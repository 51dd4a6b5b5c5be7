package org.fednpg.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Where agents go: contiguous blocks by default, one shard per agent when pinned. */
class AgentShardingTest {

  @Test
  void blocksAreContiguousAndBalanced() {
    String run = AgentSharding.placed("run-x-g0", 3, 240, false);
    Map<String, TreeSet<Integer>> byShard = new TreeMap<>();
    for (int n = 0; n < 240; n++) {
      String entity = AgentSharding.entityId(run, n);
      assertThat(AgentSharding.agentOf(entity)).isEqualTo(n);
      assertThat(AgentSharding.runOf(entity)).isEqualTo(run);
      byShard.computeIfAbsent(AgentSharding.shardOf(run, n, 1000), k -> new TreeSet<>()).add(n);
    }
    // ⌊n·3/240⌋: 0-79, 80-159, 160-239
    assertThat(byShard).containsOnlyKeys("b0", "b1", "b2");
    assertThat(byShard.get("b0")).hasSize(80).startsWith(0).endsWith(79);
    assertThat(byShard.get("b1")).hasSize(80).startsWith(80).endsWith(159);
    assertThat(byShard.get("b2")).hasSize(80).startsWith(160).endsWith(239);
    // 12 agents on 5 nodes: sizes 3, 2, 3, 2, 2 (⌊5n/12⌋), each a run of consecutive agents
    String small = AgentSharding.placed("r", 5, 12, false);
    StringBuilder shards = new StringBuilder();
    for (int n = 0; n < 12; n++) {
      shards.append(AgentSharding.shardOf(small, n, 1000)).append(' ');
    }
    assertThat(shards.toString().trim()).isEqualTo("b0 b0 b0 b1 b1 b2 b2 b2 b3 b3 b4 b4");
  }

  @Test
  void withoutBlocksAgentsMapToShardsModuloTheShardCount() {
    assertThat(AgentSharding.shardOf("run-x-g0", 7, 1000)).isEqualTo("7");
    String pinned = AgentSharding.placed("run-x-g0", 0, 1500, false);
    assertThat(AgentSharding.shardOf(pinned, 1234, 1000)).isEqualTo("234");
    assertThat(AgentSharding.pinnedAgentOf("234")).isEqualTo(234);
    assertThat(AgentSharding.pinnedAgentOf("b2")).isEqualTo(-1);
    assertThatThrownBy(() -> AgentSharding.placed("r", -1, 5, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRestartedGenerationGetsShardsOfItsOwn() {
    String g0 = AgentSharding.placed("run-x-g0", 2, 12, false);
    String g1 = AgentSharding.placed("run-x-g1", 2, 12, true);
    String g2 = AgentSharding.placed("run-x-g2", 2, 12, true);
    String s1 = AgentSharding.shardOf(g1, 7, 1000);
    assertThat(AgentSharding.shardOf(g0, 7, 1000)).isEqualTo("b1");
    assertThat(s1).startsWith("g").endsWith("-b1").isNotEqualTo(AgentSharding.shardOf(g2, 7, 1000));
    assertThat(AgentSharding.pinnedAgentOf(s1)).isEqualTo(-1);
    assertThat(AgentSharding.blockOf(s1)).isEqualTo(1);
    assertThat(AgentSharding.blockOf("b12")).isEqualTo(12);
    assertThat(AgentSharding.blockOf("12")).isEqualTo(-1);
    // pinned agents keep their index in a fresh shard id, for AgentPlacement
    String p1 = AgentSharding.shardOf(AgentSharding.placed("run-x-g1", 0, 12, true), 7, 1000);
    assertThat(p1).endsWith("-7");
    assertThat(AgentSharding.pinnedAgentOf(p1)).isEqualTo(7);
  }
}
