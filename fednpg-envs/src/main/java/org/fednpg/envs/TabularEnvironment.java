package org.fednpg.envs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.fednpg.api.Environment;
import org.fednpg.api.model.GenerativeModel;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.api.model.RewardTable;

/**
 * An environment given by an explicit multi-task MDP, a description text and manifest facts. Its
 * generative model is an {@link AliasGenerativeModel} built on first use (O(1) per draw).
 *
 * <p>A lazy variant (see the protected constructor) holds only the kernel and builds rewards on
 * demand: {@link #mdpFor} then builds just the agents asked for (a cluster node's share), and the
 * complete model only when {@link #mdp()} is called.
 */
public class TabularEnvironment implements Environment {

  private final MultiTaskMdp kernelOnly;
  private final Supplier<MultiTaskMdp> complete;
  private final IntFunction<RewardTable> reward;
  private final Function<MultiTaskMdp, String> description;
  private final Map<String, Object> manifestInfo;
  private volatile MultiTaskMdp mdp;
  private volatile String describedText;
  private volatile AliasGenerativeModel sampler;

  /**
   * @param mdp the model
   * @param description text returned by {@link #describe()}
   * @param manifestInfo facts for the run manifest (copied, order kept)
   */
  public TabularEnvironment(
      MultiTaskMdp mdp, String description, Map<String, Object> manifestInfo) {
    this(mdp, () -> mdp, null, m -> description, manifestInfo);
    this.mdp = mdp;
  }

  /**
   * A lazy environment.
   *
   * @param kernelOnly a {@link MultiTaskMdp#partial partial} model holding no rewards (or any model
   *     with the kernel, γ, ρ and N)
   * @param complete builds the complete model (called at most once)
   * @param reward builds one agent's reward (null: {@link #mdpFor} builds the complete model)
   * @param description the {@link #describe()} text of the complete model (called at most once)
   * @param manifestInfo facts for the run manifest (copied, order kept); must not need rewards
   */
  protected TabularEnvironment(
      MultiTaskMdp kernelOnly,
      Supplier<MultiTaskMdp> complete,
      IntFunction<RewardTable> reward,
      Function<MultiTaskMdp, String> description,
      Map<String, Object> manifestInfo) {
    this.kernelOnly = kernelOnly;
    this.complete = complete;
    this.reward = reward;
    this.description = description;
    this.manifestInfo = Collections.unmodifiableMap(new LinkedHashMap<>(manifestInfo));
  }

  @Override
  public MultiTaskMdp mdp() {
    MultiTaskMdp m = mdp;
    if (m == null) {
      synchronized (this) {
        m = mdp;
        if (m == null) {
          m = complete.get();
          mdp = m;
        }
      }
    }
    return m;
  }

  /** Builds only the rewards of {@code agents} unless the complete model is already built. */
  @Override
  public MultiTaskMdp mdpFor(Set<Integer> agents) {
    MultiTaskMdp m = mdp;
    if (m != null || reward == null) {
      return mdp().restrictedTo(agents);
    }
    Map<Integer, RewardTable> held = new TreeMap<>();
    for (int n : agents) {
      if (n < 0 || n >= kernelOnly.agents()) {
        throw new IllegalArgumentException(
            "agent " + n + " asked for, but the agents are 0.." + (kernelOnly.agents() - 1));
      }
      held.put(n, reward.apply(n));
    }
    return MultiTaskMdp.partial(
        kernelOnly.name(),
        kernelOnly.kernel(),
        kernelOnly.gamma(),
        kernelOnly.initialCopy(),
        kernelOnly.agents(),
        held);
  }

  @Override
  public GenerativeModel generativeModel() {
    AliasGenerativeModel s = sampler;
    if (s == null) {
      synchronized (this) {
        s = sampler;
        if (s == null) {
          // the sampler reads only the kernel and ρ: a lazy environment builds no reward for it
          s = new AliasGenerativeModel(kernelOnly);
          sampler = s;
        }
      }
    }
    return s;
  }

  @Override
  public String describe() {
    String d = describedText;
    if (d == null) {
      d = description.apply(mdp());
      describedText = d;
    }
    return d;
  }

  @Override
  public Map<String, Object> manifestInfo() {
    return manifestInfo;
  }

  @Override
  public String toString() {
    return mdp == null ? kernelOnly.toString() : mdp.toString();
  }
}
