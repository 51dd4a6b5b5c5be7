package org.fednpg.testkit;

import java.util.List;
import org.fednpg.core.plugin.ComponentRegistry.Family;
import org.fednpg.core.plugin.Plugins;

/** The names of every registered provider of a family: the built-ins run their contracts over it. */
final class BuiltIns {

  private BuiltIns() {}

  static List<String> names(Family family) {
    return List.copyOf(Plugins.registry().providers(family).keySet());
  }
}
