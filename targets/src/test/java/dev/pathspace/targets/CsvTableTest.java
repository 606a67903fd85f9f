package dev.pathspace.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvTableTest {
  @Test
  void parsesQuotedFieldsHeaderAndLineEndings() {
    String text = "\"a\",\"b, with comma\",c\r\n\"1\",\"x \"\"q\"\" y\",3.5e-1\r\n\n4,\"multi\nline\",-6\n";
    CsvTable t = CsvTable.parse("ok.csv", text);
    assertThat(t.header()).containsExactly("a", "b, with comma", "c");
    assertThat(t.rows()).isEqualTo(2);
    assertThat(t.text(0, 1)).isEqualTo("x \"q\" y");
    assertThat(t.number(0, 0)).isEqualTo(1.0);
    assertThat(t.number(0, 2)).isEqualTo(0.35);
    assertThat(t.text(1, 1)).isEqualTo("multi\nline");
    assertThat(t.line(0)).isEqualTo(2);
    assertThat(t.line(1)).isEqualTo(4);
    assertThat(t.number(1, 2)).isEqualTo(-6.0);
  }

  @Test
  void wrongFieldCountNamesFileAndLine() {
    assertThatThrownBy(() -> CsvTable.parse("bad.csv", "a,b\n1,2\n3\n"))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageStartingWith("bad.csv:3:")
        .hasMessageContaining("expected 2 fields, got 1");
    assertThatThrownBy(() -> CsvTable.parse("bad.csv", "a,b\n1,2,3\n"))
        .hasMessageStartingWith("bad.csv:2:");
  }

  @Test
  void nonNumericValueNamesFileLineAndColumn() {
    CsvTable t = CsvTable.parse("num.csv", "x,y\n1,2\n3,abc\n4,1.0d\n");
    assertThatThrownBy(() -> t.number(1, 1))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageStartingWith("num.csv:3:").hasMessageContaining("'y'").hasMessageContaining("abc");
    assertThatThrownBy(() -> t.number(2, 1)).hasMessageStartingWith("num.csv:4:");
    assertThatThrownBy(() -> CsvTable.parse("n.csv", "x,y\nNaN,1\n").number(0, 0))
        .hasMessageStartingWith("n.csv:2:");
  }

  @Test
  void malformedQuotingIsRejected() {
    assertThatThrownBy(() -> CsvTable.parse("q.csv", "a,b\n\"1,2\n"))
        .isInstanceOf(CsvFormatException.class).hasMessageStartingWith("q.csv:2:")
        .hasMessageContaining("unterminated");
    assertThatThrownBy(() -> CsvTable.parse("q.csv", "a,b\n1,\"2\"x\n"))
        .hasMessageStartingWith("q.csv:2:").hasMessageContaining("after closing quote");
    assertThatThrownBy(() -> CsvTable.parse("q.csv", "a,b\n1,2\"x\"\n"))
        .hasMessageStartingWith("q.csv:2:");
    assertThatThrownBy(() -> CsvTable.parse("e.csv", "")).hasMessageStartingWith("e.csv:1:");
  }

  @Test
  void unknownClassLabelNamesFileAndLine() {
    CsvTable t = CsvTable.parse("lab.csv", "V1,Class\n0.5,\"good\"\n0.1,\"ugly\"\n");
    assertThatThrownBy(() -> LogisticData.from(t, "Class", Map.of("good", 1.0, "bad", -1.0)))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageStartingWith("lab.csv:3:").hasMessageContaining("ugly");
    CsvTable u = CsvTable.parse("lab.csv", "V1,Class\n0.5,good\nzz,bad\n");
    assertThatThrownBy(() -> LogisticData.from(u, "Class", Map.of("good", 1.0, "bad", -1.0)))
        .hasMessageStartingWith("lab.csv:3:").hasMessageContaining("V1");
    assertThatThrownBy(() -> LogisticData.from(u, "Label", Map.of("good", 1.0)))
        .hasMessageContaining("lab.csv").hasMessageContaining("Label");
  }
}
