package io.meshkit.core.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlBuilderTest {
    /** A minimal ANSI dialect: enough to test what the builder does with names and values. */
    static final Dialect ANSI = new Dialect() {
        @Override
        public String name() {
            return "ansi";
        }

        @Override
        public String quoteIdentifier(String name) {
            return '"' + name.replace("\"", "\"\"") + '"';
        }

        @Override
        public String typeName(DataType type) {
            return type.toString();
        }

        @Override
        public Optional<DataType> parseType(String engineTypeName) {
            return DataType.parse(engineTypeName);
        }

        @Override
        public String rowFingerprint(List<ColumnName> columns) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String samplingValue(String keyExpression) {
            throw new UnsupportedOperationException();
        }
    };

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
    void createsTablesWithDialectTypes() {
        Sql sql = ANSI.createTableIfNotExists(TableId.of("m", "t"), List.of(
                new ColumnInfo(ColumnName.of("id"), DataType.BIGINT, "BIGINT", false),
                new ColumnInfo(ColumnName.of("amount"), DataType.decimal(10, 2), "DECIMAL(10,2)", true)));
        assertThat(sql.text()).isEqualTo("CREATE TABLE IF NOT EXISTS \"m\".\"t\" (\"id\" BIGINT NOT NULL, \"amount\" DECIMAL(10,2))");
    }
}
