package org.fednpg.experiments.reproduce;

import java.util.List;
import java.util.Locale;

/**
 * One claim of the paper's Appendix H beside our measurement: the paper's words and setting, the
 * numbers we measured that test it, and a verdict computed from those numbers (never typed in).
 */
record Claim(
    String figure, String claim, String setting, String measured, Verdict verdict, String rule) {

  /** How our numbers relate to the claim. */
  enum Verdict {
    HOLDS,
    PARTLY,
    CONTRADICTED,
    NOT_RUN;

    String text() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /**
     * The verdict of {@code agree} agreeing checks out of {@code total}: all → holds, none →
     * contradicted, else partly; not run without checks.
     */
    static Verdict of(int agree, int total) {
      if (total == 0) {
        return NOT_RUN;
      }
      return agree == total ? HOLDS : agree == 0 ? CONTRADICTED : PARTLY;
    }
  }

  /** A claim whose experiment has no results in this folder. */
  static Claim notRun(String figure, String claim, String setting) {
    return new Claim(
        figure,
        claim,
        setting,
        "not run in this folder (`fednpg reproduce paper`)",
        Verdict.NOT_RUN,
        "—");
  }

  /** The claims table that opens REPORT.md. */
  static String table(List<Claim> claims) {
    List<List<String>> rows = new java.util.ArrayList<>();
    for (Claim c : claims) {
      rows.add(
          List.of(
              c.figure(),
              c.claim(),
              c.setting(),
              c.measured(),
              "**" + c.verdict().text() + "**",
              c.rule()));
    }
    return Markdown.table(
        List.of(
            "figure",
            "the paper's claim",
            "the paper's setting (ours in " + "italics)",
            "our measurement",
            "verdict",
            "verdict rule (our choice)"),
        rows);
  }
}
