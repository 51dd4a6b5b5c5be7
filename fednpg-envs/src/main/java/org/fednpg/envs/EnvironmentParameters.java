package org.fednpg.envs;

import org.fednpg.api.InvalidInputException;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.ParameterType;
import org.fednpg.api.Parameters;

/** Parameter specs and checks shared by the built-in environment providers. */
public final class EnvironmentParameters {

  private EnvironmentParameters() {}

  /** The {@code gamma} parameter with the given default. */
  public static ParameterSpec gammaSpec(double defaultGamma) {
    return ParameterSpec.optional(
        "gamma", ParameterType.NUMBER, defaultGamma, "discount factor in [0, 1)");
  }

  /** The {@code gamma} parameter, checked to lie in [0, 1). */
  public static double gamma(Parameters parameters) {
    double gamma = parameters.getDouble("gamma");
    if (!(gamma >= 0 && gamma < 1)) {
      throw parameters.invalid("gamma", "must be in [0, 1)");
    }
    return gamma;
  }

  /** Runs {@code build}, prefixing any {@link InvalidInputException} with the provider's name. */
  public static <T> T named(Parameters parameters, java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (InvalidInputException e) {
      throw e.in(parameters.owner());
    }
  }
}
