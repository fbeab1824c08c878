package io.meshkit.core.type;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DataTypeTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "bigint|BIGINT", "INT64|BIGINT", "int(11)|INTEGER", "int unsigned|BIGINT", "BIGINT UNSIGNED|HUGEINT",
        "varchar(255)|VARCHAR(255)", "STRING|VARCHAR", "text|VARCHAR", "decimal(10,2)|DECIMAL(10,2)",
        "NUMERIC|DECIMAL(38,9)", "numeric(12)|DECIMAL(12,0)", "BIGNUMERIC|DECIMAL(76,38)", "float|REAL", "float(53)|DOUBLE",
        "FLOAT64|DOUBLE", "double precision|DOUBLE", "bool|BOOLEAN", "DATETIME|TIMESTAMP", "datetime(6)|TIMESTAMP",
        "timestamp with time zone|TIMESTAMPTZ", "TIMESTAMPTZ|TIMESTAMPTZ", "bytes|BINARY", "blob|BINARY", "json|JSON",
        "date|DATE", "time|TIME", "uuid|UUID", "  Timestamp  |TIMESTAMP"})
    void parsesCommonSpellings(String spelling, String canonical) {
        assertThat(DataType.parse(spelling)).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo(canonical));
    }

    @ParameterizedTest
    @ValueSource(strings = {"varchr(10)", "decimal(100,2)", "decimal(5,6)", "bigint(3,2)", "text unsigned", "", "int;drop",
        "map<string>", "struct<>", "array<int", "float(10,2)"})
    void rejectsUnknownTypes(String spelling) {
        assertThat(DataType.parse(spelling)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"bigint|integer", "decimal(5,2)|number", "varchar|string", "timestamptz|timestamp", "json|object", "bool|boolean"})
    void knowsItsLogicalType(String spelling, String logical) {
        assertThat(DataType.parse(spelling).orElseThrow().logicalType().odcsName()).isEqualTo(logical);
    }
}
