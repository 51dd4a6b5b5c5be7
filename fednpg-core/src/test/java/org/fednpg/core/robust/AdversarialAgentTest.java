package org.fednpg.core.robust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fednpg.api.RandomSource;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.run.AgentProcess;
import org.fednpg.api.run.AgentState;
import org.junit.jupiter.api.Test;

/** Each attack on a stub agent that sends {v, −v}, v = offset + t + 10k, and records receipts. */
class AdversarialAgentTest {

  /** Sends a table that encodes (iteration, exchange); keeps what it receives. */
  static final class Stub implements AgentProcess {
    final double offset;
    final List<double[]> received = new ArrayList<>();

    Stub(double offset) {
      this.offset = offset;
    }

    @Override
    public void initialize() {}

    @Override
    public double[] send(long iteration, int exchange) {
      double v = offset + iteration + 10 * exchange;
      return new double[] {v, -v};
    }

    @Override
    public void receive(long iteration, int exchange, double[] mixed) {
      received.add(mixed.clone());
    }

    @Override
    public LogPolicy policy() {
      return LogPolicy.uniform(1, 2);
    }

    @Override
    public long samples() {
      return 0;
    }

    @Override
    public AgentState snapshot() {
      return new AgentState(Map.of(), 0);
    }

    @Override
    public void restore(AgentState state) {}
  }

  private static AdversarySpec spec(
      String attack, double scale, double sigma, double value, int lag) {
    return new AdversarySpec(List.of(0), null, attack, scale, sigma, value, lag);
  }

  private static AdversarialAgent agent(AdversarySpec spec) {
    return new AdversarialAgent(new Stub(0), null, spec, RandomSource.of(1).child("noise"));
  }

  @Test
  void signFlipScaledAndConstantAlterOnlyTheSentCopy() {
    Stub honest = new Stub(0);
    AdversarialAgent flip =
        new AdversarialAgent(honest, null, spec("sign-flip", -1, 1, 0, 1), RandomSource.of(1));
    assertThat(flip.send(2, 1)).containsExactly(-12, 12);
    flip.receive(2, 1, new double[] {5, 6});
    assertThat(honest.received.get(0)).containsExactly(5, 6);
    assertThat(agent(spec("scaled", 3, 1, 0, 1)).send(1, 0)).containsExactly(3, -3);
    assertThat(agent(spec("constant", -1, 1, 2.5, 1)).send(4, 1)).containsExactly(2.5, 2.5);
  }

  @Test
  void randomAddsSeededNoiseThatRepeatsForTheSameIterationAndExchange() {
    double[] first = agent(spec("random", -1, 0.5, 0, 1)).send(3, 0).clone();
    double[] again = agent(spec("random", -1, 0.5, 0, 1)).send(3, 0).clone();
    assertThat(again).containsExactly(first);
    assertThat(first[0]).isNotEqualTo(3.0);
    assertThat(agent(spec("random", -1, 0, 0, 1)).send(3, 0)).containsExactly(3, -3);
  }

  @Test
  void staleResendsTheTableFromLagIterationsAgoAndItsHistorySurvivesACheckpoint() {
    AdversarialAgent a = agent(spec("stale", -1, 1, 0, 2));
    // Exchange 0 sends t, exchange 1 sends t + 10; lag 2: t = 0, 1, 2 send t = 0's, then t − 2.
    assertThat(a.send(0, 0)[0]).isEqualTo(0);
    assertThat(a.send(0, 1)[0]).isEqualTo(10);
    assertThat(a.send(1, 0)[0]).isEqualTo(0);
    assertThat(a.send(1, 1)[0]).isEqualTo(10);
    assertThat(a.send(2, 0)[0]).isEqualTo(0);
    assertThat(a.send(2, 1)[0]).isEqualTo(10);
    AgentState saved = a.snapshot();
    assertThat(a.send(3, 0)[0]).isEqualTo(1);
    AdversarialAgent b = agent(spec("stale", -1, 1, 0, 2));
    b.restore(saved);
    assertThat(b.send(3, 0)[0]).isEqualTo(1);
    assertThat(b.send(3, 1)[0]).isEqualTo(11);
    assertThat(b.send(4, 0)[0]).isEqualTo(2);
  }

  @Test
  void lieQSendsTheHonestPolicyTableAndTheLiarsTrackingTable() {
    Stub honest = new Stub(0);
    Stub liar = new Stub(100);
    AdversarialAgent a =
        new AdversarialAgent(honest, liar, spec("lie-q", -1, 1, 0, 1), RandomSource.of(1));
    assertThat(a.send(1, 0)).containsExactly(1, -1);
    assertThat(a.send(1, 1)).containsExactly(111, -111);
    a.receive(1, 1, new double[] {7, 8});
    assertThat(honest.received.get(0)).containsExactly(7, 8);
    assertThat(liar.received.get(0)).containsExactly(7, 8);
  }
}
