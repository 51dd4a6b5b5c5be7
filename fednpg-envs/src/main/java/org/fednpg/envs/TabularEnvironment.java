package org.fednpg.envs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.fednpg.api.Environment;
import org.fednpg.api.model.GenerativeModel;
import org.fednpg.api.model.MultiTaskMdp;

/**
 * An environment given by an explicit multi-task MDP, a description text and manifest facts. Its
 * generative model is an {@link AliasGenerativeModel} built on first use (O(1) per draw).
 */
public class TabularEnvironment implements Environment {

  private final MultiTaskMdp mdp;
  private final String description;
  private final Map<String, Object> manifestInfo;
  private volatile AliasGenerativeModel sampler;

  /**
   * @param mdp the model
   * @param description text returned by {@link #describe()}
   * @param manifestInfo facts for the run manifest (copied, order kept)
   */
  public TabularEnvironment(
      MultiTaskMdp mdp, String description, Map<String, Object> manifestInfo) {
    this.mdp = mdp;
    this.description = description;
    this.manifestInfo = Collections.unmodifiableMap(new LinkedHashMap<>(manifestInfo));
  }

  @Override
  public MultiTaskMdp mdp() {
    return mdp;
  }

  @Override
  public GenerativeModel generativeModel() {
    AliasGenerativeModel s = sampler;
    if (s == null) {
      synchronized (this) {
        s = sampler;
        if (s == null) {
          s = new AliasGenerativeModel(mdp);
          sampler = s;
        }
      }
    }
    return s;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public Map<String, Object> manifestInfo() {
    return manifestInfo;
  }

  @Override
  public String toString() {
    return mdp.toString();
  }
}
