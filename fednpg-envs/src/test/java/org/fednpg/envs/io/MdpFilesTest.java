package org.fednpg.envs.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fednpg.api.InvalidInputException;
import org.fednpg.api.model.MultiTaskMdp;
import org.fednpg.testing.RandomMdps;
import org.fednpg.testing.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MdpFilesTest {

  @TempDir Path dir;

  /** A valid 2-state, 2-action, 2-agent file; the cases below break one thing at a time. */
  private static final String VALID =
      """
      {"format": "fednpg-mdp/1", "name": "tiny", "states": 2, "actions": 2, "gamma": 0.9,
       "initial": [0.25, 0.75],
       "transitions": [[0, 0, 0, 0.5], [0, 0, 1, 0.5], [0, 1, 1, 1.0],
                       [1, 0, 0, 1.0], [1, 1, 1, 0.25], [1, 1, 1, 0.75]],
       "rewards": [[[1.0, 0.0], [0.0, -2.5]], [[0.0, 1.0], [1.0, 0.0]]]}
      """;

  private Path file(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private MultiTaskMdp read(String name, String text) throws IOException {
    return MdpFiles.read(file(name, text));
  }

  /** Asserts a one-line InvalidInputException naming the file and containing each fragment. */
  private void rejects(String name, String text, String... fragments) throws IOException {
    Path p = file(name, text);
    assertThatThrownBy(() -> MdpFiles.read(p))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(name + ": ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
        .hasMessageContainingAll(fragments);
  }

  @Test
  void readsAValidFileAddingDuplicateTransitions() throws IOException {
    MultiTaskMdp mdp = read("tiny.json", VALID);
    assertThat(mdp.name()).isEqualTo("tiny");
    assertThat(mdp.states()).isEqualTo(2);
    assertThat(mdp.agents()).isEqualTo(2);
    assertThat(mdp.gamma()).isEqualTo(0.9);
    assertThat(mdp.kernel().probability(1, 1, 1)).isEqualTo(1.0);
    assertThat(mdp.kernel().probability(0, 0, 1)).isEqualTo(0.5);
    assertThat(mdp.reward(0).get(1, 1)).isEqualTo(-2.5);
    assertThat(mdp.initial(1)).isEqualTo(0.75);
  }

  @Test
  void initialAndNameAreOptional() throws IOException {
    MultiTaskMdp mdp =
        read(
            "no-initial.json",
            VALID.replace("\"initial\": [0.25, 0.75],", "").replace("\"name\": \"tiny\",", ""));
    assertThat(mdp.initial(0)).isCloseTo(0.5, within(Tolerances.EXACT));
    assertThat(mdp.initial(1)).isCloseTo(0.5, within(Tolerances.EXACT));
    assertThat(mdp.name()).isEqualTo("no-initial");
  }

  @Test
  void roundTripsExactlyAndWritesValidJson() throws Exception {
    MultiTaskMdp mdp = RandomMdps.create(17, 7, 3, 4, 3, 0.97);
    Path out = dir.resolve("sub/random.json");
    MdpFiles.write(mdp, out);
    assertThat(MdpFiles.read(out)).isEqualTo(mdp);
    assertThat(topLevelKeys(Files.readString(out)))
        .containsExactly(
            "format", "name", "states", "actions", "gamma", "initial", "transitions", "rewards");
    // Written atomically: no temporary file left beside it; rewriting replaces it.
    MdpFiles.write(mdp.withGamma(0.5), out);
    assertThat(MdpFiles.read(out).gamma()).isEqualTo(0.5);
    try (var files = Files.list(out.getParent())) {
      assertThat(files).containsExactly(out);
    }
  }

  /** The top-level keys of a JSON object, read with Jackson's parser (fails on invalid JSON). */
  private static List<String> topLevelKeys(String json) throws IOException {
    List<String> keys = new ArrayList<>();
    try (JsonParser p = new JsonFactory().createParser(json)) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        keys.add(p.currentName());
        p.nextToken();
        p.skipChildren();
      }
      assertThat(p.nextToken()).isNull();
    }
    return keys;
  }

  @Test
  void roundTripsAwkwardDoubles() throws IOException {
    MultiTaskMdp mdp = read("tiny.json", VALID);
    double[] r = {0.1 + 0.2, 1e-300, -Double.MIN_VALUE, 12345678.9e100};
    MultiTaskMdp odd =
        mdp.withRewards(List.of(org.fednpg.api.model.RewardTable.of(2, 2, r), mdp.reward(1)));
    Path out = dir.resolve("odd.json");
    MdpFiles.write(odd, out);
    assertThat(MdpFiles.read(out)).isEqualTo(odd);
  }

  @Test
  void rejectsUnknownFormatTag() throws IOException {
    rejects("fmt.json", VALID.replace("fednpg-mdp/1", "fednpg-mdp/2"), "format", "fednpg-mdp/2");
  }

  @Test
  void rejectsMissingKey() throws IOException {
    rejects("missing.json", VALID.replace("\"gamma\": 0.9,", ""), "missing", "\"gamma\"");
  }

  @Test
  void rejectsUnknownKey() throws IOException {
    rejects(
        "unknown.json",
        VALID.replace("\"gamma\": 0.9,", "\"gamma\": 0.9, \"discount\": 1,"),
        "unknown key",
        "\"discount\"");
  }

  @Test
  void rejectsStateIndexOutOfRange() throws IOException {
    rejects(
        "state.json",
        VALID.replace("[1, 0, 0, 1.0]", "[2, 0, 0, 1.0]"),
        "transitions[3]",
        "state",
        "2",
        "out of range");
  }

  @Test
  void rejectsActionIndexOutOfRange() throws IOException {
    rejects(
        "action.json",
        VALID.replace("[1, 0, 0, 1.0]", "[1, -1, 0, 1.0]"),
        "transitions[3]",
        "action",
        "-1",
        "out of range");
  }

  @Test
  void rejectsNextStateIndexOutOfRange() throws IOException {
    rejects(
        "next.json",
        VALID.replace("[1, 0, 0, 1.0]", "[1, 0, 5, 1.0]"),
        "transitions[3]",
        "next state",
        "5",
        "out of range");
  }

  @Test
  void rejectsFractionalIndex() throws IOException {
    rejects(
        "fraction.json",
        VALID.replace("[1, 0, 0, 1.0]", "[1.5, 0, 0, 1.0]"),
        "transitions[3]",
        "index");
  }

  @Test
  void rejectsNegativeProbability() throws IOException {
    rejects(
        "negative.json",
        VALID.replace("[0, 1, 1, 1.0]", "[0, 1, 1, -1.0]"),
        "transitions[2]",
        "probability",
        "-1.0");
  }

  @Test
  void rejectsNonFiniteProbability() throws IOException {
    rejects(
        "infinite.json",
        VALID.replace("[0, 1, 1, 1.0]", "[0, 1, 1, 1e999]"),
        "transitions[2]",
        "probability",
        "1e999");
  }

  @Test
  void rejectsNonFiniteReward() throws IOException {
    rejects(
        "reward.json",
        VALID.replace("[0.0, -2.5]", "[0.0, -1e400]"),
        "rewards[0][1][1]",
        "finite",
        "-1e400");
  }

  @Test
  void rejectsNonNumericReward() throws IOException {
    rejects(
        "text-reward.json",
        VALID.replace("[0.0, -2.5]", "[0.0, \"high\"]"),
        "rewards[0][1][1]",
        "number");
  }

  @Test
  void rejectsRowNotSummingToOne() throws IOException {
    rejects(
        "sum.json", VALID.replace("[0, 0, 1, 0.5]", "[0, 0, 1, 0.4]"), "state 0, action 0", "0.9");
  }

  @Test
  void rejectsMissingRow() throws IOException {
    rejects("row.json", VALID.replace("[0, 1, 1, 1.0],", ""), "state 0, action 1", "missing");
  }

  @Test
  void rejectsTooFewTransitionsForTheDeclaredSize() throws IOException {
    rejects(
        "huge.json",
        VALID
            .replace("\"states\": 2", "\"states\": 1000000000")
            .replace("\"initial\": [0.25, 0.75],", ""),
        "transitions",
        "1000000000*2");
  }

  @Test
  void rejectsRewardTableWithWrongNumberOfRows() throws IOException {
    rejects(
        "rows.json",
        VALID.replace("[[0.0, 1.0], [1.0, 0.0]]", "[[0.0, 1.0]]"),
        "rewards[1]",
        "1 rows",
        "expected 2");
  }

  @Test
  void rejectsRewardRowWithWrongLength() throws IOException {
    rejects(
        "cols.json",
        VALID.replace("[[0.0, 1.0], [1.0, 0.0]]", "[[0.0, 1.0], [1.0]]"),
        "rewards[1][1]",
        "1 entries",
        "expected 2");
  }

  @Test
  void rejectsEmptyRewards() throws IOException {
    rejects(
        "no-agents.json",
        VALID.replace("[[[1.0, 0.0], [0.0, -2.5]], [[0.0, 1.0], [1.0, 0.0]]]", "[]"),
        "rewards",
        "at least one");
  }

  @Test
  void rejectsInitialWithWrongLength() throws IOException {
    rejects(
        "initial.json",
        VALID.replace("[0.25, 0.75]", "[0.25, 0.25, 0.5]"),
        "initial",
        "3 entries",
        "expected 2");
  }

  @Test
  void rejectsNegativeInitialProbability() throws IOException {
    rejects(
        "initial-neg.json", VALID.replace("[0.25, 0.75]", "[-0.25, 1.25]"), "initial[0]", "-0.25");
  }

  @Test
  void rejectsInitialNotSummingToOne() throws IOException {
    rejects("initial-sum.json", VALID.replace("[0.25, 0.75]", "[0.25, 0.5]"), "initial", "0.75");
  }

  @Test
  void rejectsTransitionWithWrongArity() throws IOException {
    rejects(
        "arity.json",
        VALID.replace("[1, 0, 0, 1.0]", "[1, 0, 1.0]"),
        "transitions[3]",
        "4 entries");
  }

  @Test
  void rejectsGammaOutOfRange() throws IOException {
    rejects("gamma.json", VALID.replace("\"gamma\": 0.9", "\"gamma\": 1.0"), "gamma", "1.0");
  }

  @Test
  void rejectsBadSizes() throws IOException {
    rejects("states.json", VALID.replace("\"states\": 2", "\"states\": 0"), "states", "0");
    rejects("actions.json", VALID.replace("\"actions\": 2", "\"actions\": 2.5"), "actions", "2.5");
  }

  @Test
  void rejectsMalformedJsonWithLineAndColumn() throws IOException {
    // Line 2 ("initial") loses its closing bracket, so the array swallows the key "transitions"
    // of line 3 (which starts with one space) and the parser stops at its ':' in column 15.
    rejects(
        "broken.json",
        VALID.replace("[0.25, 0.75],", "[0.25, 0.75,"),
        "malformed JSON",
        "line 3, column 15");
    rejects("trailing.json", VALID + "}", "malformed JSON", "line 6, column 1");
    rejects(
        "dup.json",
        VALID.replace("\"gamma\": 0.9", "\"gamma\": 0.9, \"gamma\": 0.8"),
        "malformed JSON",
        "duplicate key",
        "gamma");
    rejects("nan.json", VALID.replace("0.9", "NaN"), "malformed JSON", "line 1");
  }

  @Test
  void rejectsNonObjectTopLevel() throws IOException {
    rejects("array.json", "[1, 2]", "object");
  }

  @Test
  void reportsAnUnreadableFile() {
    Path missing = dir.resolve("absent.json");
    assertThatThrownBy(() -> MdpFiles.read(missing))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("absent.json: ");
  }
}
