package org.fednpg.envs.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void parsesEveryValueKind() throws Exception {
    Object v = Json.parse(
        " {\"a\": [1, -2.5e3, 0], \"b\": \"x\\\"\\u00e9\\n\", \"c\": true, \"d\": null, \"e\": {}} ");
    Map<?, ?> m = (Map<?, ?>) v;
    List<?> a = (List<?>) m.get("a");
    assertThat(((Json.Num) a.get(0)).isIntegral()).isTrue();
    assertThat(((Json.Num) a.get(1)).value()).isEqualTo(-2500.0);
    assertThat(((Json.Num) a.get(1)).isIntegral()).isFalse();
    assertThat(m.get("b")).isEqualTo("x\"é\n");
    assertThat(m.get("c")).isEqualTo(Boolean.TRUE);
    assertThat(m.get("d")).isSameAs(Json.NULL);
    assertThat((Map<?, ?>) m.get("e")).isEmpty();
  }

  @Test
  void quoteParsesBack() throws Exception {
    String s = "a\"b\\c\n\t\u0001é";
    assertThat(Json.parse(Json.quote(s))).isEqualTo(s);
  }

  @Test
  void rejectsNonStrictSyntax() {
    for (String bad : new String[] {"[1,]", "{\"a\":1,}", "01", "1.", ".5", "+1", "'a'", "[1 2]",
        "{a: 1}", "\"tab\there\"", "[NaN]", "[Infinity]", "", "tru", "[1] 2", "\"\\x\""}) {
      assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(Json.SyntaxError.class)
          .hasMessageContaining("line 1, column");
    }
  }

  @Test
  void reportsLineAndColumn() {
    assertThatThrownBy(() -> Json.parse("{\n  \"a\": 1,\n  \"b\" 2\n}"))
        .isInstanceOf(Json.SyntaxError.class).hasMessageContaining("line 3, column 7");
  }
}
