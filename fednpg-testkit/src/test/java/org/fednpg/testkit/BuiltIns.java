package org.fednpg.testkit;

import java.util.List;
import org.fednpg.core.plugin.ComponentRegistry.Family;
import org.fednpg.core.plugin.Plugins;

/**
 * The names of every registered provider of a family: the built-ins run their contracts over it.
 */
final class BuiltIns {

  private BuiltIns() {}

  /** Every provider of the family except the test plugins of this module. */
  static List<String> names(Family family) {
    return Plugins.registry().providers(family).entrySet().stream()
        .filter(e -> !e.getValue().getClass().getPackageName().equals("org.fednpg.testkit"))
        .map(java.util.Map.Entry::getKey)
        .toList();
  }
}
