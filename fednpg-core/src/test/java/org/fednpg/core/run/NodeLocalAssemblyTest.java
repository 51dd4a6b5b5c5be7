package org.fednpg.core.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.model.MixingMatrix;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.run.AgentProcess;
import org.fednpg.api.run.IterationMetrics;
import org.fednpg.core.plugin.Plugins;
import org.fednpg.core.robust.AdversarySpec;
import org.fednpg.core.runtime.Parallel;
import org.junit.jupiter.api.Test;

/**
 * Node-local assembly (issue 19): a node builds the shared kernel once and each hosted agent alone
 * (its reward only, other agents as placeholders, no oracle, no metrics); agents built that way,
 * stepped in lockstep with W, produce bit for bit the tables of the whole run's agents; the
 * submitter's view builds no agent and gives the same metrics.
 */
class NodeLocalAssemblyTest {

  private static final int N = 5;

  private static RunRequest request(AdversarySpec adversary) {
    return new RunRequest(
        11,
        0.95,
        ComponentSpec.of("gridworld", "size", 5L, "agents", (long) N),
        ComponentSpec.of("ring", "neighbors", 1L),
        ComponentSpec.of("exact"),
        ComponentSpec.of("fednpg", "eta", 0.1, "tau", 0.01),
        Path.of("."),
        adversary);
  }

  @Test
  void eachAgentIsBuiltAloneWithItsOwnRewardOnly() {
    RunAssembler assembler = new RunAssembler(Plugins.registry());
    AssembledRun whole = assembler.assemble(request(null));
    RunAssembler.NodeAssembly node = assembler.assembleForNode(request(null));
    assertThat(node.isLocal()).isTrue();
    for (int n = 0; n < N; n++) {
      AssembledRun own = node.agent(n);
      MultiTaskMdp mdp = own.mdp();
      assertThat(mdp.isComplete()).isFalse();
      assertThat(mdp.agents()).isEqualTo(N);
      assertThat(mdp.kernel()).isEqualTo(whole.mdp().kernel());
      assertThat(mdp.gamma()).isEqualTo(0.95);
      assertThat(mdp.reward(n).toArray()).isEqualTo(whole.mdp().reward(n).toArray());
      assertThat(own.optimum()).isNull();
      assertThat(own.metrics()).isNull();
      for (int m = 0; m < N; m++) {
        assertThat(mdp.holdsReward(m)).isEqualTo(m == n);
        assertThat(own.algorithm().agents().get(m).isElsewhere()).isEqualTo(m != n);
        if (m != n) {
          int other = m;
          assertThatThrownBy(() -> mdp.reward(other))
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining("not held here");
          assertThatThrownBy(() -> own.algorithm().agents().get(other).policy())
              .isInstanceOf(IllegalStateException.class)
              .hasMessageContaining("hosted elsewhere");
        }
      }
      assertThatThrownBy(mdp::averagedReward).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void agentsBuiltAloneStepExactlyLikeTheWholeRun() {
    RunAssembler assembler = new RunAssembler(Plugins.registry());
    AssembledRun whole = assembler.assemble(request(null));
    RunAssembler.NodeAssembly node = assembler.assembleForNode(request(null));
    List<AgentProcess> a = new ArrayList<>(whole.algorithm().agents());
    List<AgentProcess> b = new ArrayList<>();
    for (int n = 0; n < N; n++) {
      b.add(node.agent(n).algorithm().agents().get(n));
    }
    step(a, whole, 4);
    step(b, whole, 4);
    for (int n = 0; n < N; n++) {
      assertThat(b.get(n).policy().toArray()).isEqualTo(a.get(n).policy().toArray());
      assertThat(b.get(n).send(4, 0)).isEqualTo(a.get(n).send(4, 0));
    }
  }

  /** T synchronous iterations of every exchange with W, as the runtimes do. */
  private static void step(List<AgentProcess> agents, AssembledRun run, int iterations) {
    agents.forEach(AgentProcess::initialize);
    int k = run.algorithm().exchangesPerIteration();
    for (long t = 0; t < iterations; t++) {
      MixingMatrix w = run.topology().mixing(t);
      for (int e = 0; e < k; e++) {
        double[][] in = new double[N][];
        for (int n = 0; n < N; n++) {
          in[n] = agents.get(n).send(t, e).clone();
        }
        double[][] out = new double[N][in[0].length];
        run.algorithm().aggregation().aggregate(w, in, out, 0, N);
        for (int n = 0; n < N; n++) {
          agents.get(n).receive(t, e, out[n]);
        }
      }
    }
  }

  @Test
  void theSubmittersViewBuildsNoAgentAndTheSameMetrics() {
    RunAssembler assembler = new RunAssembler(Plugins.registry());
    AssembledRun whole = assembler.assemble(request(null));
    AssembledRun view = assembler.assembleForMetrics(request(null));
    assertThat(view.algorithm().agents()).hasSize(N).allMatch(AgentProcess::isElsewhere);
    assertThat(view.mdp()).isEqualTo(whole.mdp());
    assertThat(view.optimum().q()).isEqualTo(whole.optimum().q());
    assertThat(view.resolved().keySet()).isEqualTo(whole.resolved().keySet());
    List<AgentProcess> agents = new ArrayList<>(whole.algorithm().agents());
    step(agents, whole, 3);
    List<LogPolicy> policies = new ArrayList<>();
    agents.forEach(x -> policies.add(x.policy()));
    try (Parallel p = new Parallel(1)) {
      IterationMetrics expected = whole.metrics().row(3, policies, p, 0, 0, 0, 0);
      IterationMetrics actual = view.metrics().row(3, policies, p, 0, 0, 0, 0);
      assertThat(actual).isEqualTo(expected);
    }
  }

  @Test
  void anAdversaryBlockFallsBackToTheWholeRun() {
    AdversarySpec adversary =
        new AdversarySpec(
            List.of(2),
            null,
            "lie-q",
            AdversarySpec.DEFAULT_SCALE,
            AdversarySpec.DEFAULT_SIGMA,
            AdversarySpec.DEFAULT_VALUE,
            AdversarySpec.DEFAULT_LAG);
    RunAssembler.NodeAssembly node =
        new RunAssembler(Plugins.registry()).assembleForNode(request(adversary));
    assertThat(node.isLocal()).isFalse();
    assertThat(node.agent(0).mdp().isComplete()).isTrue();
    assertThat(node.agent(0)).isSameAs(node.agent(3));
  }

  @Test
  void aPartialModelRefusesRewardsOutsideItsAgents() {
    MultiTaskMdp whole = new RunAssembler(Plugins.registry()).assemble(request(null)).mdp();
    MultiTaskMdp part = whole.restrictedTo(Set.of(1, 3));
    assertThat(part.reward(3)).isSameAs(whole.reward(3));
    assertThat(part.withGamma(0.5).holdsReward(1)).isTrue();
    assertThat(part.withGamma(0.5).holdsReward(0)).isFalse();
    assertThatThrownBy(part::rewards)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("[1, 3]");
    assertThatThrownBy(
            () ->
                MultiTaskMdp.partial("x", whole.kernel(), 0.9, null, N, Map.of(N, whole.reward(0))))
        .hasMessageContaining("agent " + N);
  }
}
