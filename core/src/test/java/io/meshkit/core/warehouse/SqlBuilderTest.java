package io.meshkit.core.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlBuilderTest {
    /** A minimal ANSI dialect: enough to test what the builder does with names and values. */
    static final Dialect ANSI = new TestingDialect();

    @Test
    void quotesEveryNameAndBindsEveryValue() {
        TableId t = TableId.of("music", "weird \"table\"");
        Sql sql = ANSI.sql().sql("SELECT ").ids(ColumnName.list("select", "a\"; DROP TABLE x; --")).sql(" FROM ").table(t)
                .sql(" WHERE id IN (").binds(List.of(1, 2)).sql(") AND name = ").bind("'; DROP TABLE x; --").build();
        assertThat(sql.text()).isEqualTo(
                "SELECT \"select\", \"a\"\"; DROP TABLE x; --\" FROM \"music\".\"weird \"\"table\"\"\" WHERE id IN (?, ?) AND name = ?");
        assertThat(sql.parameters()).containsExactly(1, 2, "'; DROP TABLE x; --");
    }

    @Test
    void neverPrintsBoundValues() {
        Sql sql = ANSI.sql().sql("SELECT ").bind("secret-row-value").sql(", ").bind(null).build();
        assertThat(sql.toString()).doesNotContain("secret").isEqualTo("SELECT ?, ? -- 2 bound value(s)");
        assertThat(sql.parameters()).isEqualTo(Arrays.asList("secret-row-value", null));
    }

    @Test
    void appendsFragmentsWithTheirBoundValuesInTextOrder() {
        Sql inner = ANSI.sql().sql("lower(").id(ColumnName.of("name")).sql(") = ").bind("x").build();
        Sql sql = ANSI.sql().sql("SELECT ").literal(1).sql(" FROM t WHERE a = ").bind(1).sql(" AND ").append(inner).sql(" AND ")
                .append(inner).sql(" LIMIT ").literal(5L).build();
        assertThat(sql.text()).isEqualTo("SELECT 1 FROM t WHERE a = ? AND lower(\"name\") = ? AND lower(\"name\") = ? LIMIT 5");
        assertThat(sql.parameters()).containsExactly(1, "x", "x");
        assertThat(ANSI.sql().sql("CAST(x AS ").type(DataType.decimal(10, 2)).sql(")").build().text()).isEqualTo("CAST(x AS DECIMAL(10,2))");
        assertThat(ANSI.sql().tableName(TableId.of("m", "t")).build().text()).isEqualTo("\"t\"");
    }

    @Test
    void aBuilderOfAQuotingThatIsNoDialectWritesNoTypes() {
        Quoting backticks = name -> '`' + name + '`';
        assertThat(backticks.sql().id(ColumnName.of("a")).build().text()).isEqualTo("`a`");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> backticks.sql().type(DataType.BIGINT))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDoubleLiteralMustBeFinite() {
        assertThat(ANSI.sql().literal(1.0E-4).build().text()).isEqualTo("1.0E-4");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ANSI.sql().literal(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createsTablesWithDialectTypes() {
        Sql sql = ANSI.createTableIfNotExists(TableId.of("m", "t"), List.of(
                new ColumnInfo(ColumnName.of("id"), DataType.BIGINT, "BIGINT", false),
                new ColumnInfo(ColumnName.of("amount"), DataType.decimal(10, 2), "DECIMAL(10,2)", true)));
        assertThat(sql.text()).isEqualTo("CREATE TABLE IF NOT EXISTS \"m\".\"t\" (\"id\" BIGINT NOT NULL, \"amount\" DECIMAL(10,2))");
    }
}
