package org.fednpg.core.robust;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.fednpg.api.RandomSource;
import org.fednpg.api.model.LogPolicy;
import org.fednpg.api.run.AgentProcess;
import org.fednpg.api.run.AgentState;

/**
 * An adversary: an honest {@link AgentProcess} whose sent tables are altered by an {@link Attack}.
 * Everything it receives goes to the honest agent unchanged, so its own state (policy, Q, tracking
 * table) is computed honestly; only the copy it offers its neighbours lies. A node-local behaviour:
 * the same wrapper runs in-process and on a cluster node.
 */
public final class AdversarialAgent implements AgentProcess {

  private static final String PREFIX = "adversary.";

  private final AgentProcess honest;

  /** For {@link Attack#LIE_Q}: the same agent on the negated reward; else null. */
  private final AgentProcess liar;

  private final AdversarySpec spec;
  private final Attack attack;
  private final RandomSource noise;
  private final List<ArrayDeque<double[]>> history = new ArrayList<>();
  private double[] outbox;

  /**
   * @param honest the agent's honest process
   * @param liar for {@code lie-q} the agent's process on −r_n (null otherwise)
   * @param spec the attack and its parameters
   * @param noise this adversary's own stream (the run's {@code adversary} child, by agent id)
   */
  public AdversarialAgent(
      AgentProcess honest, AgentProcess liar, AdversarySpec spec, RandomSource noise) {
    this.honest = honest;
    this.liar = liar;
    this.spec = spec;
    this.attack = spec.kind();
    this.noise = noise;
    if ((attack == Attack.LIE_Q) != (liar != null)) {
      throw new IllegalArgumentException("a lying copy is needed exactly for lie-q");
    }
  }

  /** The honest process inside (its state is the agent's true state). */
  public AgentProcess honest() {
    return honest;
  }

  @Override
  public void initialize() {
    honest.initialize();
    if (liar != null) {
      liar.initialize();
    }
  }

  @Override
  public double[] send(long iteration, int exchange) {
    double[] x = honest.send(iteration, exchange);
    if (liar != null) {
      double[] lie = liar.send(iteration, exchange);
      return exchange == 0 ? x : lie;
    }
    if (outbox == null || outbox.length != x.length) {
      outbox = new double[x.length];
    }
    switch (attack) {
      case SIGN_FLIP -> {
        for (int i = 0; i < x.length; i++) {
          outbox[i] = -x[i];
        }
      }
      case SCALED -> {
        for (int i = 0; i < x.length; i++) {
          outbox[i] = spec.scale() * x[i];
        }
      }
      case RANDOM -> {
        SplittableRandom r = noise.child(iteration).child(exchange).random();
        for (int i = 0; i < x.length; i++) {
          outbox[i] = x[i] + spec.sigma() * r.nextGaussian();
        }
      }
      case CONSTANT -> Arrays.fill(outbox, spec.value());
      case STALE -> {
        while (history.size() <= exchange) {
          history.add(new ArrayDeque<>());
        }
        ArrayDeque<double[]> h = history.get(exchange);
        h.addLast(x.clone());
        while (h.size() > spec.lag() + 1) {
          h.removeFirst();
        }
        System.arraycopy(h.peekFirst(), 0, outbox, 0, x.length);
      }
      default -> throw new IllegalStateException("unhandled attack " + attack);
    }
    return outbox;
  }

  @Override
  public void receive(long iteration, int exchange, double[] mixed) {
    honest.receive(iteration, exchange, mixed);
    if (liar != null) {
      liar.receive(iteration, exchange, mixed);
    }
  }

  @Override
  public LogPolicy policy() {
    return honest.policy();
  }

  @Override
  public long samples() {
    return honest.samples() + (liar == null ? 0 : liar.samples());
  }

  /** The honest tables, the lying copy's under {@code adversary.lie.}, the stale history. */
  @Override
  public AgentState snapshot() {
    AgentState h = honest.snapshot();
    Map<String, double[]> tables = new LinkedHashMap<>(h.tables());
    long samples = h.samples();
    if (liar != null) {
      AgentState l = liar.snapshot();
      l.tables().forEach((k, v) -> tables.put(PREFIX + "lie." + k, v));
      tables.put(PREFIX + "lie.samples", new double[] {l.samples()});
    }
    for (int k = 0; k < history.size(); k++) {
      int j = 0;
      for (double[] x : history.get(k)) {
        tables.put(PREFIX + "stale." + k + "." + j++, x);
      }
    }
    return new AgentState(tables, samples);
  }

  @Override
  public void restore(AgentState state) {
    Map<String, double[]> own = new LinkedHashMap<>();
    Map<String, double[]> lie = new LinkedHashMap<>();
    history.clear();
    state
        .tables()
        .forEach(
            (key, v) -> {
              if (!key.startsWith(PREFIX)) {
                own.put(key, v);
              } else if (key.startsWith(PREFIX + "lie.") && !key.equals(PREFIX + "lie.samples")) {
                lie.put(key.substring((PREFIX + "lie.").length()), v);
              }
            });
    honest.restore(new AgentState(own, state.samples()));
    if (liar != null) {
      long ls = (long) state.table(PREFIX + "lie.samples")[0];
      liar.restore(new AgentState(lie, ls));
    }
    for (int k = 0; ; k++) {
      if (!state.tables().containsKey(PREFIX + "stale." + k + ".0")) {
        break;
      }
      ArrayDeque<double[]> h = new ArrayDeque<>();
      for (int j = 0; state.tables().containsKey(PREFIX + "stale." + k + "." + j); j++) {
        h.addLast(state.table(PREFIX + "stale." + k + "." + j));
      }
      history.add(h);
    }
  }
}
