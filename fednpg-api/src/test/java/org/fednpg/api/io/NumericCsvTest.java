package org.fednpg.api.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fednpg.api.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumericCsvTest {

  @TempDir Path dir;

  private Path file(String text) throws Exception {
    Path p = dir.resolve("t.csv");
    Files.writeString(p, text);
    return p;
  }

  @Test
  void readsRowsSkippingBlankLinesAndSpaces() throws Exception {
    List<NumericCsv.Row> rows = NumericCsv.read(file("\n 1.5 , -2\n\n3e2,0.25 \n"), "table");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).line()).isEqualTo(2);
    assertThat(rows.get(0).values()).containsExactly(1.5, -2.0);
    assertThat(rows.get(1).line()).isEqualTo(4);
    assertThat(rows.get(1).values()).containsExactly(300.0, 0.25);
    assertThat(NumericCsv.read(file("\n\n"), "table")).isEmpty();
  }

  @Test
  void refusesBadEntriesNamingFileLineAndColumn() throws Exception {
    Path text = file("1,2\n3,x\n");
    assertThatThrownBy(() -> NumericCsv.read(text, "table"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("table " + text + ": line 2, column 2: 'x' is not a number");
    Path inf = file("1,Infinity\n");
    assertThatThrownBy(() -> NumericCsv.read(inf, "table"))
        .hasMessage("table " + inf + ": line 1, column 2: 'Infinity' is not finite");
    Path ragged = file("1,2\n\n3\n");
    assertThatThrownBy(() -> NumericCsv.read(ragged, "table"))
        .hasMessage(
            "table "
                + ragged
                + ": line 3 (row 2) has 1 columns, expected 2 like the"
                + " first row");
    Path empty = file("1,,2\n");
    assertThatThrownBy(() -> NumericCsv.read(empty, "table"))
        .hasMessageContaining("column 2: '' is not a number");
  }
}
