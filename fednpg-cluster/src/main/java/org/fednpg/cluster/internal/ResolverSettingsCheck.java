package org.fednpg.cluster.internal;

import com.typesafe.config.Config;
import java.util.List;
import org.apache.pekko.cluster.ConfigValidation;
import org.apache.pekko.cluster.JoinConfigCompatChecker;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Refuses a member whose split-brain resolver settings differ from the cluster's (registered in
 * {@code fednpg-cluster.conf}; Pekko runs it when a member joins, on both sides, and a refused
 * member stops with {@code IncompatibleConfigurationDetectedReason}).
 *
 * <p>Why (our choice): the resolver's decision is taken by whichever member is the cluster leader
 * (the lowest address), submitters included. A leader waiting for a longer {@code stable-after}
 * than the others' {@code stable-after + down-all-when-unstable} lets the others give up first and
 * down every member, the survivors of a node loss too (seen in {@code ClusterSurvivalTest}: nodes
 * at 4 s, a submitter at the default 20 s). Every member must decide alike.
 */
public final class ResolverSettingsCheck extends JoinConfigCompatChecker {

  /** The settings every member must share. */
  public static final List<String> KEYS =
      List.of(
          "pekko.cluster.split-brain-resolver.active-strategy",
          "pekko.cluster.split-brain-resolver.stable-after",
          "pekko.cluster.split-brain-resolver.down-all-when-unstable",
          "pekko.cluster.split-brain-resolver.keep-majority.role");

  private static final Seq<String> REQUIRED = CollectionConverters.asScala(KEYS).toList();

  /** Pekko instantiates the checker reflectively by its class name. */
  public ResolverSettingsCheck() {}

  @Override
  public Seq<String> requiredKeys() {
    return REQUIRED;
  }

  @Override
  public ConfigValidation check(Config toCheck, Config actualConfig) {
    return JoinConfigCompatChecker.fullMatch(REQUIRED, toCheck, actualConfig);
  }
}
