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
    String run = AgentSharding.inBlocks("run-x-g0", 3, 240);
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
    String small = AgentSharding.inBlocks("r", 5, 12);
    StringBuilder shards = new StringBuilder();
    for (int n = 0; n < 12; n++) {
      shards.append(AgentSharding.shardOf(small, n, 1000)).append(' ');
    }
    assertThat(shards.toString().trim()).isEqualTo("b0 b0 b0 b1 b1 b2 b2 b2 b3 b3 b4 b4");
  }

  @Test
  void withoutBlocksEveryAgentHasItsOwnShard() {
    assertThat(AgentSharding.shardOf("run-x-g0", 7, 1000)).isEqualTo("7");
    assertThat(AgentSharding.shardOf("run-x-g0", 1234, 1000)).isEqualTo("234");
    assertThatThrownBy(() -> AgentSharding.inBlocks("r", 0, 5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
