package io.meshkit.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TextTableTest {
    @Test
    void measuresWhatATerminalDraws() {
        assertThat(TextTable.width("abc")).isEqualTo(3);
        assertThat(TextTable.width("東京")).isEqualTo(4);
        assertThat(TextTable.width("한국어")).isEqualTo(6);
        assertThat(TextTable.width("ｶﾀｶﾅ")).as("half-width katakana").isEqualTo(4);
        assertThat(TextTable.width("🎵")).isEqualTo(2);
        assertThat(TextTable.width("e\u0301")).as("e and a combining acute").isEqualTo(1);
        assertThat(TextTable.width("👩\u200D💻")).as("a ZWJ sequence: two emoji drawn, the joiner takes nothing").isEqualTo(4);
    }

    @Test
    void escapesWhatWouldBreakTheRowAndQuotesTheStringNull() {
        assertThat(TextTable.cell(null)).isEqualTo("NULL");
        assertThat(TextTable.cell("NULL")).isEqualTo("'NULL'");
        assertThat(TextTable.cell("null")).isEqualTo("null");
        assertThat(TextTable.cell("a\nb\tc\rd")).isEqualTo("a\\nb\\tc\\rd");
        assertThat(TextTable.cell("bell\u0007")).isEqualTo("bell\\u0007");
        assertThat(TextTable.cell("C:\\new")).as("a backslash that would read as an escape is doubled").isEqualTo("C:\\\\new");
        assertThat(TextTable.cell("C:\\data")).isEqualTo("C:\\data");
    }

    @Test
    void padsByDisplayWidthAndRightAlignsNumbers() {
        StringWriter s = new StringWriter();
        TextTable.of(java.util.List.of("n", "city"), null, new boolean[] {true, false}).add("1", "東京").add("22", "Oslo").print(new PrintWriter(s, true));
        assertThat(s.toString().lines().toList()).containsExactly(
                "┌────┬──────┐",
                "│ n  │ city │",
                "├────┼──────┤",
                "│  1 │ 東京 │",
                "│ 22 │ Oslo │",
                "└────┴──────┘");
    }
}
