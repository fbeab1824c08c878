package io.meshkit.warehouseduckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshkit.core.error.ErrorCode;
import io.meshkit.core.error.MeshkitException;
import io.meshkit.core.identifier.ColumnName;
import io.meshkit.core.identifier.TableId;
import io.meshkit.core.type.DataType;
import io.meshkit.core.warehouse.Dialect;
import io.meshkit.warehouseduckdb.internal.DuckDbDialect;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DuckDbDialectTest {
    private final Dialect dialect = DuckDbDialect.INSTANCE;

    @Test
    void quotesIdentifiersAndDoublesEmbeddedQuotes() {
        assertThat(dialect.quoteIdentifier("select")).isEqualTo("\"select\"");
        assertThat(dialect.quoteIdentifier("weird \"name\"")).isEqualTo("\"weird \"\"name\"\"\"");
        assertThat(dialect.quote(TableId.of("My Ns", "t\"; DROP TABLE x; --"))).isEqualTo("\"My Ns\".\"t\"\"; DROP TABLE x; --\"");
        assertThat(dialect.quote(ColumnName.of("MixedCase"))).isEqualTo("\"MixedCase\"");
    }

    @Test
    void typeNames() {
        assertThat(dialect.typeName(DataType.of(DataType.Kind.REAL))).isEqualTo("FLOAT");
        assertThat(dialect.typeName(DataType.varchar(255))).isEqualTo("VARCHAR");
        assertThat(dialect.typeName(DataType.decimal(38, 9))).isEqualTo("DECIMAL(38,9)");
        assertThat(dialect.typeName(DataType.TIMESTAMP_TZ)).isEqualTo("TIMESTAMP WITH TIME ZONE");
        assertThat(dialect.typeName(DataType.of(DataType.Kind.BINARY))).isEqualTo("BLOB");
        assertThat(dialect.typeName(DataType.of(DataType.Kind.HUGEINT))).isEqualTo("HUGEINT");
        for (DataType.Kind kind : DataType.Kind.values()) {
            DataType type = kind == DataType.Kind.DECIMAL ? DataType.decimal(12, 2) : DataType.of(kind);
            assertThat(dialect.parseType(dialect.typeName(type))).as("%s round trip", kind).contains(type);
        }
    }

    @Test
    void decimalsWiderThanDuckDbAreRefused() {
        assertThatThrownBy(() -> dialect.typeName(DataType.decimal(76, 38)))
                .isInstanceOfSatisfying(MeshkitException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("Cannot map type DECIMAL(76,38) to DuckDB: its widest DECIMAL has precision 38");
    }

    @Test
    void parsesDuckDbTypeNames() {
        assertThat(dialect.parseType("UBIGINT")).contains(DataType.of(DataType.Kind.HUGEINT));
        assertThat(dialect.parseType("UINTEGER")).contains(DataType.BIGINT);
        assertThat(dialect.parseType("USMALLINT")).contains(DataType.INTEGER);
        assertThat(dialect.parseType("UTINYINT")).contains(DataType.of(DataType.Kind.SMALLINT));
        assertThat(dialect.parseType("TIMESTAMP WITH TIME ZONE")).contains(DataType.TIMESTAMP_TZ);
        assertThat(dialect.parseType("timestamp_ns")).contains(DataType.TIMESTAMP);
        assertThat(dialect.parseType("TIMESTAMP_MS")).contains(DataType.TIMESTAMP);
        assertThat(dialect.parseType("TIMESTAMP_S")).contains(DataType.TIMESTAMP);
        assertThat(dialect.parseType("DECIMAL(18,3)")).contains(DataType.decimal(18, 3));
        assertThat(dialect.parseType("FLOAT")).contains(DataType.of(DataType.Kind.REAL));
        assertThat(dialect.parseType("INTEGER[]")).isEmpty();
        assertThat(dialect.parseType("INTERVAL")).isEmpty();
        assertThat(dialect.parseType(null)).isEqualTo(Optional.empty());
    }

    @Test
    void samplingSqlReadsTheDigestBigEndian() {
        String sql = dialect.samplingValue(ColumnName.of("user id")).text();
        assertThat(sql).contains("md5(CAST((\"user id\") AS VARCHAR))").contains("substr(", ", 1, 16)")
                .contains(">> CAST(11 AS UBIGINT)").doesNotContain("md5_number");
    }

    @Test
    void rowFingerprintNeedsColumns() {
        assertThat(dialect.rowFingerprint(ColumnName.list("a", "b")).text()).startsWith("md5(").contains("\"a\"").contains("'|'");
        assertThatThrownBy(() -> dialect.rowFingerprint(java.util.List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
