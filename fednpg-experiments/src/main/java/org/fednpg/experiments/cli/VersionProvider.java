package org.fednpg.experiments.cli;

import org.fednpg.experiments.results.Provenance;
import picocli.CommandLine;

/** {@code fednpg --version}. */
public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"fednpg " + Provenance.version() + " (" + Provenance.java() + ")"};
  }
}
