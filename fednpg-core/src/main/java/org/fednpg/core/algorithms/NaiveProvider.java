package org.fednpg.core.algorithms;

import java.util.ArrayList;
import java.util.List;
import org.fednpg.api.ParameterSpec;
import org.fednpg.api.Parameters;

/**
 * Provider {@code naive}: federated NPG without Q-tracking, the paper's baseline (Appendix H.1).
 * Parameter {@code variant} picks the reading of "without line 6 of Algorithm 1" ({@link
 * NaiveVariant}): {@code local-q} (default; agents mix their local Q), {@code frozen} (T stays
 * T^(0)) or {@code mixed-q} (T^(t+1) = W Q^(t+1)).
 */
public final class NaiveProvider extends NpgProvider {

  public NaiveProvider() {
    super(false, true);
  }

  @Override
  public String name() {
    return "naive";
  }

  @Override
  public String description() {
    return "Federated NPG without Q-tracking (baseline); variant local-q | frozen | mixed-q";
  }

  @Override
  public List<ParameterSpec> parameters() {
    List<ParameterSpec> specs = new ArrayList<>(super.parameters());
    specs.add(
        ParameterSpec.choice(
            "variant",
            "local-q",
            "reading of 'FedNPG without line 6': local-q (mix the local Q_n^(t)), frozen (T stays "
                + "T^(0) = Q^(0)), mixed-q (T^(t+1) = W Q^(t+1), no tracking term)",
            NaiveVariant.NAMES.toArray(new String[0])));
    return List.copyOf(specs);
  }

  @Override
  NaiveVariant naiveVariant(Parameters parameters) {
    return NaiveVariant.byName(parameters.getString("variant"));
  }
}
