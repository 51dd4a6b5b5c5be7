package org.fednpg.api;

import java.util.List;

/**
 * A named factory for one kind of component, discovered with {@link java.util.ServiceLoader}. The
 * name is lower-case and file-name safe ({@code gridworld}, {@code ring}, {@code exact}); names are
 * unique within a family. Implementations need a public no-argument constructor, must not return
 * null and report bad parameters with {@link InvalidInputException}.
 *
 * @param <T> the component built
 * @param <C> what the component needs from the rest of the run
 */
public interface ComponentProvider<T, C> {

  /** The name a spec uses in {@code type:}. */
  String name();

  /** One line for {@code fednpg list}. */
  String description();

  /** Every parameter accepted, with types, defaults and documentation. */
  List<ParameterSpec> parameters();

  /** Builds the component from validated parameters. */
  T create(Parameters parameters, C context);
}
