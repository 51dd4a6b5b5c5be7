package org.fednpg.experiments.reproduce;

import java.nio.file.Path;

/** One experiment of SPEC §8: where its spec is and how its results become figures and text. */
abstract class PaperExperiment {

  /** Tolerance of "iterations to reach a gap of 1e-3" (SPEC §8). */
  static final double GAP_TOLERANCE = 1e-3;

  private final String name;
  private final String title;
  private final String question;

  /**
   * @param name folder and spec name, e.g. {@code map-size}
   * @param title section title in REPORT.md
   * @param question one or two sentences on what is varied and what the paper expects
   */
  PaperExperiment(String name, String title, String question) {
    this.name = name;
    this.title = title;
    this.question = question;
  }

  /** Folder and spec name, e.g. {@code map-size}. */
  final String name() {
    return name;
  }

  /** Section title in REPORT.md. */
  final String title() {
    return title;
  }

  /** One or two sentences on what is varied and what the paper expects. */
  final String question() {
    return question;
  }

  /** The spec resource for the full or quick variant. */
  String resource(boolean quick) {
    return name() + (quick ? "-quick" : "") + ".yaml";
  }

  /**
   * Draws figures into {@code dir} and returns the report section body (figures, tables, and
   * findings built from the measured numbers).
   */
  abstract String analyse(Runs runs, Path dir, String relative, int iterations);
}
