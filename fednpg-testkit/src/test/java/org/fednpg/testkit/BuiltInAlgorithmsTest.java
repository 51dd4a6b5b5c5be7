package org.fednpg.testkit;

import java.util.List;
import org.fednpg.core.plugin.ComponentRegistry.Family;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link AlgorithmContract} for every registered algorithm, each with its default parameters
 * (discovered, so a new built-in is covered without being listed).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("names")
class BuiltInAlgorithmsTest extends AlgorithmContract {

  private final String name;

  BuiltInAlgorithmsTest(String name) {
    this.name = name;
  }

  static List<String> names() {
    return BuiltIns.names(Family.ALGORITHM);
  }

  @Override
  protected Harness.Component algorithm() {
    return Harness.Component.of(name);
  }
}
