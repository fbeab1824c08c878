package io.meshkit.core.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.warehouse.SqlLexer.Kind;
import io.meshkit.core.warehouse.SqlLexer.Syntax;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlLexerTest {
    private static final String SELECT = "SELECT a FROM t";

    private static String query(String sql) {
        return SqlLexer.query(sql, Syntax.STANDARD);
    }

    /** Each way a query file ends: the query to wrap is the same. */
    @Test
    void aQueryLosesItsTerminatorAndTheCommentsAfterIt() {
        for (String end : List.of("", ";", ";;", " ; ", " -- all of a", "; -- all of a", ";\n-- one\n-- two\n", " /* done */",
                "; /* done */", " -- closes ) and ends ;", " /* ) ; */ ;", "\n-- a\n;\n")) {
            assertThat(query("  " + SELECT + end + "\n")).as(end).isEqualTo(SELECT);
        }
    }

    @Test
    void commentsInsideStayAndStringsAreNotComments() {
        assertThat(query("SELECT a -- the key\nFROM t;")).isEqualTo("SELECT a -- the key\nFROM t");
        assertThat(query("SELECT '--' AS dashes")).isEqualTo("SELECT '--' AS dashes");
        assertThat(query("SELECT 'it''s; -- not' AS s; -- it is")).isEqualTo("SELECT 'it''s; -- not' AS s");
        assertThat(query("SELECT \"a--b\" FROM t")).isEqualTo("SELECT \"a--b\" FROM t");
        assertThat(query("SELECT $$ -- ; $$ AS s;")).isEqualTo("SELECT $$ -- ; $$ AS s");
        assertThat(query("SELECT $x$ it's $x$ AS s -- c")).isEqualTo("SELECT $x$ it's $x$ AS s");
        assertThat(query("SELECT a /* x /* nested */ still ; */")).isEqualTo("SELECT a");
    }

    @Test
    void unclosedTextIsLeftForTheEngineToRefuse() {
        assertThat(query("SELECT 'open; -- ")).isEqualTo("SELECT 'open; --");
        assertThat(query("SELECT 1 /* open ")).isEqualTo("SELECT 1 /* open");
        assertThat(query("-- only a comment\n;")).isEmpty();
    }

    @Test
    void backslashesAndHashCommentsWhereTheEngineHasThem() {
        Syntax escaping = new Syntax(true, true, false, false);
        assertThat(SqlLexer.query("SELECT 'a\\'; -- b' AS s # note", escaping)).isEqualTo("SELECT 'a\\'; -- b' AS s");
        assertThat(query("SELECT 'C:\\'; -- c")).isEqualTo("SELECT 'C:\\'");
    }

    @Test
    void tokensTellCodeFromCommentsAndStrings() {
        String sql = "SELECT x$1, $1 FROM t -- c\n WHERE s = 'a' /* d */;";
        assertThat(SqlLexer.tokens(sql, Syntax.STANDARD).stream().map(t -> t.kind() + ":" + t.text(sql)).toList())
                .containsExactly("WORD:SELECT", "WORD:x$1", "SYMBOL:,", "SYMBOL:$", "SYMBOL:1", "WORD:FROM", "WORD:t", "COMMENT:-- c",
                        "WORD:WHERE", "WORD:s", "SYMBOL:=", "STRING:'a'", "COMMENT:/* d */", "SEMICOLON:;");
        assertThat(SqlLexer.tokens("'x", Syntax.STANDARD)).singleElement()
                .satisfies(t -> assertThat(t.kind()).isEqualTo(Kind.STRING), t -> assertThat(t.terminated()).isFalse());
    }
}
