package org.fednpg.api;

/** The value types a provider parameter may take. */
public enum ParameterType {
  /** A whole number (accepted from JSON integers or integral strings). */
  INTEGER,
  /** A finite real number. */
  NUMBER,
  /** {@code true} or {@code false}. */
  BOOLEAN,
  /** Free text, or one of a fixed set of choices when the spec lists them. */
  STRING,
  /** A file path; relative paths resolve against the folder of the spec file. */
  PATH;

  /** The lower-case name shown to users. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
