package org.fednpg.api.run;

import org.fednpg.api.model.LogPolicy;

/** The placeholder of {@link AgentProcess#elsewhere}: an agent hosted on another node. */
final class Elsewhere implements AgentProcess {

  private final int agent;

  Elsewhere(int agent) {
    this.agent = agent;
  }

  private IllegalStateException absent() {
    return new IllegalStateException(
        "agent " + agent + " is hosted elsewhere: this node did not build it");
  }

  @Override
  public void initialize() {
    throw absent();
  }

  @Override
  public double[] send(long iteration, int exchange) {
    throw absent();
  }

  @Override
  public void receive(long iteration, int exchange, double[] mixed) {
    throw absent();
  }

  @Override
  public LogPolicy policy() {
    throw absent();
  }

  @Override
  public long samples() {
    throw absent();
  }

  @Override
  public boolean isElsewhere() {
    return true;
  }

  @Override
  public String toString() {
    return "AgentProcess.elsewhere(" + agent + ")";
  }
}
